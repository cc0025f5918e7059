using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>
/// Servers that echo the request — the whole form body and the Authorization header — into error_description, a plain
/// text 500 page, an OAuth 1.0a problem report or a discovery document: no secret of the app or of the call reaches an
/// exception's Message, ToString, Error, ErrorDescription or inner messages, a Trace-level log line, or an Activity.
/// </summary>
public sealed class EchoingServerSecretTests : IDisposable
{
    private const string ClientId = "client-id-echo";
    private const string ClientSecret = "CS-5f3a9-consumer-secret";
    private const string Code = "AC-77d1e-authorization-code";
    private const string Verifier = "PV-0b8c2-pkce-verifier-0123456789abcdefghijklmnop";
    private const string RefreshToken = "RT-c41d7-refresh-token";
    private const string AccessToken = "AT-9e2f0-access-token";
    private const string OAuth1Verifier = "OV-3a6b9-oauth1-verifier";
    private const string TokenSecret = "TS-e5d4c-token-secret";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly CapturingLogger _logger = new();
    private readonly ConcurrentQueue<string> _activityTexts = new();
    private readonly ActivityListener _listener;

    public EchoingServerSecretTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _activityTexts.Enqueue($"{activity.DisplayName} {activity.StatusDescription}");
                foreach (var tag in activity.TagObjects) _activityTexts.Enqueue($"{tag.Key}={tag.Value}");
                foreach (var e in activity.Events) _activityTexts.Enqueue(e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}")));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Lines.Enqueue(state.ToString() ?? "");
            return null;
        }
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Enqueue(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values) foreach (var v in values) Lines.Enqueue($"{v.Key}={v.Value}");
            if (exception is not null) Lines.Enqueue(exception.ToString());
        }
    }

    /// <summary>Every secret, raw and in the encodings an echo carries it in (percent, form, base64 Basic credentials).</summary>
    private static List<string> Secrets()
    {
        var raw = new List<string> { ClientSecret, Code, Verifier, RefreshToken, AccessToken, OAuth1Verifier, TokenSecret };
        raw.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
        return [.. raw.Concat(raw.Select(Uri.EscapeDataString)).Distinct()];
    }

    /// <summary>What the request carried, as an echoing server would quote it.</summary>
    private static async Task<string> Echo(HttpRequestMessage request) =>
        $"{request.Method} {request.RequestUri} Authorization: {request.Headers.Authorization} Body: " +
        (request.Content is null ? "" : await request.Content.ReadAsStringAsync());

    private sealed class Server(Func<HttpRequestMessage, string, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) =>
            respond(request, await Echo(request));
    }

    public static TheoryData<string> Echoes => new() { "error_description", "plain_500", "html_400", "form_error", "json_200_without_token" };

    private static HttpResponseMessage EchoAs(string kind, string echo) => kind switch
    {
        "error_description" => StubHandler.Respond(System.Text.Json.JsonSerializer.Serialize(new { error = "invalid_request " + echo, error_description = echo }), status: HttpStatusCode.BadRequest),
        "plain_500" => StubHandler.Respond("Internal error while handling " + echo, "text/plain", HttpStatusCode.InternalServerError),
        "html_400" => StubHandler.Respond($"<html><body><pre>{echo}</pre></body></html>", "text/html", HttpStatusCode.BadRequest),
        "form_error" => StubHandler.Respond("error=invalid_grant&error_description=" + Uri.EscapeDataString(echo), "application/x-www-form-urlencoded", HttpStatusCode.Unauthorized),
        _ => StubHandler.Respond(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { [echo] = echo }), "application/json"),
    };

    private RemoteApp App(Func<HttpRequestMessage, string, HttpResponseMessage> respond, Action<RemoteAppOptions> configure)
    {
        var options = new RemoteAppOptions
        {
            Name = "echo-" + Guid.NewGuid().ToString("N"),
            BaseUrl = "https://api.example.com/",
            AuthorizeUrl = "https://auth.example.com/authorize",
            AccessTokenUrl = "https://auth.example.com/token",
            RevocationUrl = "https://auth.example.com/revoke",
            ConsumerKey = ClientId,
            ConsumerSecret = ClientSecret,
            TimeProvider = new FakeTimeProvider(Now),
        };
        configure(options);
        return new RemoteApp(new HttpClient(new Server(respond)), options, _logger);
    }

    private void AssertClean(IEnumerable<Exception> failures)
    {
        var all = failures.ToList();
        Assert.NotEmpty(all);
        foreach (var failure in all) Hostile.HostileAssert.TypedAndClean(failure, Secrets(), failure.GetType().Name);
        Hostile.HostileAssert.NoneContain(_logger.Lines, Secrets(), "log line");
        Hostile.HostileAssert.NoneContain(_activityTexts, Secrets(), "activity");
        Assert.NotEmpty(_logger.Lines);
    }

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task OAuth2_token_endpoint_echoes_are_scrubbed(string kind)
    {
        var failures = new List<Exception>();
        foreach (var method in new[] { ClientAuthMethod.ClientSecretPost, ClientAuthMethod.ClientSecretBasic })
        {
            foreach (var formEncode in new[] { false, true })
            {
                var expired = new OAuthToken(AccessToken) { RefreshToken = RefreshToken, ExpiresAt = Now.AddMinutes(-1) };
                var store = new OAuth2.MemoryTokenStore(expired);
                var app = App((request, echo) => request.RequestUri!.AbsolutePath == "/me" ? StubHandler.Respond("{}") : EchoAs(kind, echo), o =>
                {
                    o.ClientAuthMethod = method;
                    o.FormEncodeBasicCredentials = formEncode;
                    o.TokenStore = store;
                });
                var pending = new PendingAuthorization
                {
                    AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now, State = "state-123456789", CodeVerifier = Verifier,
                };
                failures.Add(await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync([new("code", Code), new("state", "state-123456789")], pending)));
                failures.Add(await Assert.ThrowsAsync<OAuthException>(() => app.RefreshAsync(expired)));
                failures.Add(await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me")));
                failures.Add(await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync("scope-" + Guid.NewGuid().ToString("N"))));
                if (kind != "json_200_without_token") failures.Add(await Assert.ThrowsAsync<OAuthException>(() => app.RevokeAsync(expired)));
                Assert.Same(expired, store.Current);
            }
        }
        AssertClean(failures);
        Assert.Contains(failures, f => f is OAuthException { Type: OAuthErrorType.RefreshFailed });
    }

    [Fact]
    public async Task The_masked_text_still_shows_what_the_server_said()
    {
        var app = App((_, echo) => EchoAs("error_description", echo), _ => { });

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync("read"));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Contains("client_secret=***", error.ErrorDescription);
        Assert.Contains("grant_type=client_credentials", error.Message);
    }

    [Theory]
    [InlineData("problem")]
    [InlineData("plain_500")]
    [InlineData("confirmed")]
    public async Task OAuth1_echoes_are_scrubbed(string kind)
    {
        HttpResponseMessage Respond(HttpRequestMessage request, string echo) => kind switch
        {
            // The token secret is known to the app only in the access-token step, so only that step's server may echo it.
            "problem" => StubHandler.Respond($"oauth_problem={Uri.EscapeDataString(echo + " " + ClientSecret + (request.RequestUri!.AbsolutePath.EndsWith("access_token", StringComparison.Ordinal) ? " " + TokenSecret : ""))}&oauth_problem_advice={Uri.EscapeDataString(echo)}",
                "application/x-www-form-urlencoded", HttpStatusCode.Unauthorized),
            "plain_500" => StubHandler.Respond(echo + ClientSecret, "text/plain", HttpStatusCode.InternalServerError),
            _ => StubHandler.Respond($"oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed={Uri.EscapeDataString(ClientSecret)}", "application/x-www-form-urlencoded"),
        };
        var app = App(Respond, o =>
        {
            o.RequestTokenUrl = "https://api.example.com/oauth/request_token";
            o.SignatureType = SignatureType.Body;
            o.RequestTokenMethod = HttpMethod.Post;
        });
        var pending = new PendingAuthorization
        {
            AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now, RequestToken = "request-token", RequestTokenSecret = TokenSecret,
        };

        var failures = new List<Exception>
        {
            await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://app.example.com/cb")),
        };
        if (kind != "confirmed")
        {
            failures.Add(await Assert.ThrowsAsync<OAuthException>(() =>
                app.AuthorizedResponseAsync([new("oauth_token", "request-token"), new("oauth_verifier", OAuth1Verifier)], pending)));
        }
        AssertClean(failures);
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("token_endpoint")]
    [InlineData("plain_500")]
    public async Task Discovery_echoes_are_scrubbed(string kind)
    {
        var issuer = $"https://idp-{Guid.NewGuid():N}.example.com";
        var url = issuer + "/.well-known/openid-configuration";
        // The authorization server knows the client's secret: a careless one may put it anywhere in its document.
        var document = kind switch
        {
            "issuer" => $$"""{"issuer":"https://other.example.com/{{ClientSecret}}"}""",
            "token_endpoint" => $$"""{"issuer":"{{issuer}}","token_endpoint":"ftp://{{ClientSecret}}/token?basic={{Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"))}}"}""",
            _ => "",
        };
        var app = App((_, echo) => kind == "plain_500"
            ? StubHandler.Respond(echo + ClientSecret, "text/plain", HttpStatusCode.InternalServerError)
            : StubHandler.Respond(document), o =>
        {
            o.AccessTokenUrl = null;
            o.AuthorizeUrl = null;
            o.ServerMetadataUrl = url;
            o.ClientAuthMethod = ClientAuthMethod.ClientSecretBasic;
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());

        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        AssertClean([error]);
    }

    [Fact]
    public async Task An_authorization_error_redirect_that_echoes_secrets_is_scrubbed()
    {
        var app = App((_, _) => StubHandler.Respond("{}"), o => o.CodeChallengeMethod = CodeChallengeMethod.Plain);
        var pending = new PendingAuthorization
        {
            AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now, State = "state-123456789", CodeVerifier = Verifier,
        };

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            [new("error", "server_error " + ClientSecret), new("error_description", $"client_secret={ClientSecret} code_challenge={Verifier}"), new("state", "state-123456789")], pending));

        Assert.Equal(OAuthErrorType.AuthorizationError, error.Type);
        Assert.Equal("client_secret=*** code_challenge=***", error.ErrorDescription);
        Hostile.HostileAssert.TypedAndClean(error, Secrets(), "authorization error");
    }
}
