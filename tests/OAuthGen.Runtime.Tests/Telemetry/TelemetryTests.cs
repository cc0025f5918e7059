using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Telemetry;

/// <summary>
/// The meter, the activity source and the log messages, observed as an operator would: a MeterListener, an ILogger.
/// Each test's app has a name no other test uses, and only its measurements are kept (the meter is process-wide).
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private const string RefreshedJson = """{"access_token":"at-new","refresh_token":"rt-new","token_type":"bearer","expires_in":3600}""";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public TelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OAuthGenTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_proactive_refresh_counts_one_token_request_one_refresh_and_times_both_legs()
    {
        var provider = new FakeProvider().OnToken(RefreshedJson).OnApi("me", "at-new");
        var store = new MemoryTokenStore(null);
        var app = provider.App(o => o.TokenStore = store);
        await store.SaveAsync(new TokenRequest(app.Options.Name, null),
            new OAuthToken("at-old") { RefreshToken = "rt-old", ExpiresAt = app.Clock().GetUtcNow() }, default);

        await app.GetAsync("me");

        var mine = Of(app);
        var tokenRequest = Assert.Single(mine, m => m.Instrument == "oauthgen.token.requests");
        Assert.Equal(1, tokenRequest.Value);
        Assert.Equal("refresh_token", tokenRequest.Tags["oauthgen.leg"]);
        Assert.Equal("success", tokenRequest.Tags["oauthgen.outcome"]);
        Assert.False(tokenRequest.Tags.ContainsKey("error.type"));

        var refresh = Assert.Single(mine, m => m.Instrument == "oauthgen.token.refreshes");
        Assert.Equal("success", refresh.Tags["oauthgen.outcome"]);

        var durations = mine.Where(m => m.Instrument == "oauthgen.request.duration").ToList();
        Assert.Equal(["refresh_token", "resource"], durations.Select(d => (string)d.Tags["oauthgen.leg"]!).Order());
        Assert.All(durations, d =>
        {
            Assert.Equal(200, d.Tags["http.response.status_code"]);
            Assert.InRange(d.Value, 0, 60);
        });
        Assert.Equal("POST", durations.Single(d => (string)d.Tags["oauthgen.leg"]! == "refresh_token").Tags["http.request.method"]);
        Assert.Equal("GET", durations.Single(d => (string)d.Tags["oauthgen.leg"]! == "resource").Tags["http.request.method"]);
    }

    [Fact]
    public async Task A_refused_refresh_counts_a_failed_token_request_and_a_failed_refresh_with_the_error_type_only()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond(
            """{"error":"invalid_grant","error_description":"rt-old was rotated away"}""", status: HttpStatusCode.BadRequest));
        var store = new MemoryTokenStore(null);
        var app = provider.App(o => o.TokenStore = store);
        await store.SaveAsync(new TokenRequest(app.Options.Name, null),
            new OAuthToken("at-old") { RefreshToken = "rt-old", ExpiresAt = app.Clock().GetUtcNow() }, default);

        var failure = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));
        Assert.Equal(OAuthErrorType.RefreshFailed, failure.Type);

        var mine = Of(app);
        var tokenRequest = Assert.Single(mine, m => m.Instrument == "oauthgen.token.requests");
        Assert.Equal("failure", tokenRequest.Tags["oauthgen.outcome"]);
        var errorType = Assert.IsType<string>(tokenRequest.Tags["error.type"]);
        Assert.Equal(((OAuthException)failure.InnerException!).Type, errorType);
        var refresh = Assert.Single(mine, m => m.Instrument == "oauthgen.token.refreshes");
        Assert.Equal("failure", refresh.Tags["oauthgen.outcome"]);
        Assert.Equal(errorType, refresh.Tags["error.type"]);
        // Tags are fixed vocabularies: nothing the server said, no token, no URL.
        Assert.DoesNotContain(mine.SelectMany(m => m.Tags.Values).OfType<string>(), value => value.Contains("rt-old", StringComparison.Ordinal)
            || value.Contains("rotated", StringComparison.Ordinal) || value.Contains("example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_an_answer_is_timed_with_its_error_type()
    {
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "me", (RecordedRequest _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused")));
        var app = provider.App();

        await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me", token: new OAuthToken("at")));

        var duration = Assert.Single(Of(app), m => m.Instrument == "oauthgen.request.duration");
        Assert.Equal(OAuthErrorType.RequestFailed, duration.Tags["error.type"]);
        Assert.False(duration.Tags.ContainsKey("http.response.status_code"));
    }

    [Theory]
    [InlineData("OAuth realm=\"photos\", oauth_problem=\"timestamp_refused\"", "timestamp_refused")]
    [InlineData("OAuth oauth_problem=signature_invalid", "signature_invalid")]
    [InlineData("OAuth oauth_problem=\"made-up-by-the-server\"", "other")]
    [InlineData(null, "none")]
    public async Task An_OAuth1_request_refused_with_401_counts_a_signature_rejection_by_problem(string? challenge, string problem)
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Respond("", null, HttpStatusCode.Unauthorized);
            if (challenge is not null) response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
            return response;
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "telemetry-oauth1-" + Guid.NewGuid().ToString("N"),
            BaseUrl = "https://photos.example.net/",
            RequestTokenUrl = "https://photos.example.net/initiate",
            AccessTokenUrl = "https://photos.example.net/token",
            AuthorizeUrl = "https://photos.example.net/authorize",
            ConsumerKey = "dpf43f3p2l4k3l03",
            ConsumerSecret = "kd94hf93k423kf44",
        });

        var response = await app.GetAsync("photos", token: new OAuthToken("nnch734d00sl2jdk") { Secret = "pfkkdhi9sl3r4s00" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        var rejection = Assert.Single(Of(app), m => m.Instrument == "oauthgen.signature.rejections");
        Assert.Equal(problem, rejection.Tags["oauthgen.oauth1.problem"]);
        Assert.Equal("resource", rejection.Tags["oauthgen.leg"]);
    }

    [Fact]
    public async Task Log_messages_have_stable_event_ids_and_the_request_line_is_debug_without_the_query()
    {
        var provider = new FakeProvider().OnToken(RefreshedJson).OnApi("me", "at-new");
        var store = new MemoryTokenStore(null);
        var logger = new CapturingLogger();
        var options = FakeProvider.Options(o => o.TokenStore = store);
        var app = new RemoteApp(provider.Client(), options, logger);
        await store.SaveAsync(new TokenRequest(options.Name, null),
            new OAuthToken("at-old") { RefreshToken = "rt-old", ExpiresAt = app.Clock().GetUtcNow() }, default);

        await app.GetAsync("me?secret-query=1");

        var refreshed = Assert.Single(logger.Entries, e => e.Id.Id == 10);
        Assert.Equal(("TokenRefreshed", LogLevel.Information), (refreshed.Id.Name, refreshed.Level));
        var lines = logger.Entries.Where(e => e.Id.Id == 1).ToList();
        Assert.Equal(2, lines.Count); // the refresh and the call
        Assert.All(lines, line =>
        {
            Assert.Equal(("RequestCompleted", LogLevel.Debug), (line.Id.Name, line.Level));
            Assert.DoesNotContain("secret-query", line.Message, StringComparison.Ordinal);
        });
        Assert.Contains(lines, line => line.Message == $"{options.Name} GET {FakeProvider.ApiUrl}me -> 200 in {line.Message.Split(' ')[^2]} ms");
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("at-new", StringComparison.Ordinal) || e.Message.Contains("rt-old", StringComparison.Ordinal));
    }

    [Fact]
    public void The_activity_source_and_the_meter_carry_the_package_version()
    {
        var informational = typeof(RemoteApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = informational.Split('+')[0];
        Assert.Equal(expected, OAuthGenTelemetry.Version);
        Assert.Equal((OAuthGenTelemetry.Name, expected), (RemoteApp.ActivitySource.Name, RemoteApp.ActivitySource.Version));
        Assert.Equal(expected, OAuthGenMetrics.Shared.TokenRequests.Meter.Version);
    }

    private List<Measurement> Of(RemoteApp app)
    {
        var name = app.Options.Name;
        return [.. _measurements.Where(m => Equals(m.Tags.GetValueOrDefault("oauthgen.app"), name))];
    }

    private void Keep<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue(new Measurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
