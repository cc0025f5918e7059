using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.DeviceFlow;

public class DeviceFlowTests
{
    private const string DeviceUrl = "https://auth.example.com/oauth/device";
    private const string DeviceCode = "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS";

    private static string Started(int expiresIn = 1800, int? interval = 5) =>
        $$"""
        {"device_code":"{{DeviceCode}}","user_code":"WDJB-MJHT","verification_uri":"https://auth.example.com/device",
         "verification_uri_complete":"https://auth.example.com/device?user_code=WDJB-MJHT","expires_in":{{expiresIn}}
         {{(interval is { } i ? $",\"interval\":{i}" : "")}}}
        """;

    private static (FakeProvider Provider, RemoteApp App, TimerCountingClock Clock) Create(string started, IEnumerable<string> answers,
        Action<RemoteAppOptions>? configure = null)
    {
        var clock = new TimerCountingClock();
        var queue = new Queue<string>(answers);
        var provider = new FakeProvider()
            .On(DeviceUrl, _ => StubHandler.Respond(started))
            .On(FakeProvider.TokenUrl, _ =>
            {
                var answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                return answer.Contains("access_token", StringComparison.Ordinal)
                    ? StubHandler.Respond(answer)
                    : StubHandler.Respond(answer, status: HttpStatusCode.BadRequest);
            });
        var app = provider.App(o =>
        {
            o.DeviceAuthorizationUrl = DeviceUrl;
            o.TimeProvider = clock;
            o.Scope = "profile email";
            configure?.Invoke(o);
        });
        return (provider, app, clock);
    }

    private static string Error(string code) => $$"""{"error":"{{code}}"}""";

    private const string Token = """{"access_token":"device-access-token-1","token_type":"Bearer","expires_in":3600}""";

    /// <summary>Moves the clock by <paramref name="seconds"/> once the poller waits for the <paramref name="wait"/>-th time.</summary>
    private static async Task AdvanceAsync(TimerCountingClock clock, int wait, double seconds)
    {
        await clock.WaitForTimersAsync(wait);
        clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    private static async Task WaitForPollsAsync(FakeProvider provider, int count)
    {
        for (var i = 0; i < 2000 && provider.To(FakeProvider.TokenUrl).Count < count; i++) await Task.Delay(5);
        Assert.Equal(count, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task Start_authenticates_the_client_sends_the_scope_and_keeps_the_device_code_out_of_sight()
    {
        var (provider, app, clock) = Create(Started(expiresIn: 900), [Token]);
        var start = clock.GetUtcNow();

        var authorization = await app.StartDeviceAuthorizationAsync();

        var sent = Assert.Single(provider.To(DeviceUrl)).Form();
        Assert.Equal(FakeProvider.ClientId, sent["client_id"]);
        Assert.Equal(FakeProvider.ClientSecret, sent["client_secret"]);
        Assert.Equal("profile email", sent["scope"]);
        Assert.Equal("WDJB-MJHT", authorization.UserCode);
        Assert.Equal(new Uri("https://auth.example.com/device"), authorization.VerificationUri);
        Assert.Equal(new Uri("https://auth.example.com/device?user_code=WDJB-MJHT"), authorization.VerificationUriComplete);
        Assert.Equal(start.AddSeconds(900), authorization.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(5), authorization.Interval);
        Assert.Contains("WDJB-MJHT", authorization.ToString());
        Assert.DoesNotContain(DeviceCode, authorization.ToString());
    }

    [Fact]
    public async Task Start_uses_the_given_scope_and_a_five_second_interval_when_the_server_names_none()
    {
        var (provider, app, _) = Create(Started(interval: null), [Token]);
        var authorization = await app.StartDeviceAuthorizationAsync("read");
        Assert.Equal("read", Assert.Single(provider.To(DeviceUrl)).Form()["scope"]);
        Assert.Equal(TimeSpan.FromSeconds(5), authorization.Interval);
    }

    [Fact]
    public async Task Start_errors_are_device_authorization_failed_with_the_servers_code()
    {
        var provider = new FakeProvider().On(DeviceUrl, _ =>
            StubHandler.Respond("""{"error":"invalid_client","error_description":"unknown client"}""", status: HttpStatusCode.Unauthorized));
        var app = provider.App(o => o.DeviceAuthorizationUrl = DeviceUrl);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.StartDeviceAuthorizationAsync());
        Assert.Equal(OAuthErrorType.DeviceAuthorizationFailed, error.Type);
        Assert.Equal("invalid_client", error.Error);
        Assert.Equal("unknown client", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData("""{"user_code":"A","verification_uri":"https://x.example/d","expires_in":60}""")]
    [InlineData("""{"device_code":"d","user_code":"A","verification_uri":"/relative","expires_in":60}""")]
    [InlineData("""{"device_code":"d","user_code":"A","verification_uri":"https://x.example/d"}""")]
    [InlineData("""<html>oops</html>""")]
    public async Task An_answer_without_what_RFC_8628_requires_is_refused(string body)
    {
        var provider = new FakeProvider().On(DeviceUrl, _ => StubHandler.Respond(body));
        var app = provider.App(o => o.DeviceAuthorizationUrl = DeviceUrl);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.StartDeviceAuthorizationAsync());
        Assert.Equal(OAuthErrorType.DeviceAuthorizationFailed, error.Type);
    }

    [Fact]
    public async Task Without_a_device_endpoint_it_is_invalid_configuration_and_discovery_supplies_one()
    {
        var missing = await Assert.ThrowsAsync<OAuthException>(() => new FakeProvider().App().StartDeviceAuthorizationAsync());
        Assert.Equal(OAuthErrorType.InvalidConfiguration, missing.Type);
        Assert.Contains("DeviceAuthorizationUrl", missing.Message);

        var issuer = $"https://idp.example.com/tenant-{Guid.NewGuid():N}";
        var provider = new FakeProvider()
            .On(issuer + "/.well-known/openid-configuration", _ => StubHandler.Respond($$"""
                {"issuer":"{{issuer}}","token_endpoint":"{{issuer}}/token","device_authorization_endpoint":"{{issuer}}/device"}
                """))
            .On(issuer + "/device", _ => StubHandler.Respond(Started()));
        var app = provider.App(o =>
        {
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = issuer + "/.well-known/openid-configuration";
        });
        var authorization = await app.StartDeviceAuthorizationAsync();
        Assert.Equal("WDJB-MJHT", authorization.UserCode);
        Assert.Single(provider.To(issuer + "/device"));
    }

    [Fact]
    public async Task Polls_every_interval_while_pending_and_returns_the_token()
    {
        var (provider, app, clock) = Create(Started(), [Error("authorization_pending"), Error("authorization_pending"), Token]);
        var authorization = await app.StartDeviceAuthorizationAsync();
        var poll = app.PollDeviceTokenAsync(authorization);

        await AdvanceAsync(clock, 1, 4.9);
        await Task.Delay(50);
        Assert.Empty(provider.To(FakeProvider.TokenUrl)); // no poll before the interval
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForPollsAsync(provider, 1);
        await AdvanceAsync(clock, 2, 5);
        await WaitForPollsAsync(provider, 2);
        await AdvanceAsync(clock, 3, 5);

        var token = await poll;
        Assert.Equal("device-access-token-1", token.AccessToken);
        var polls = provider.To(FakeProvider.TokenUrl);
        Assert.Equal(3, polls.Count);
        Assert.All(polls, p =>
        {
            var form = p.Form();
            Assert.Equal("urn:ietf:params:oauth:grant-type:device_code", form["grant_type"]);
            Assert.Equal(DeviceCode, form["device_code"]);
            Assert.Equal(FakeProvider.ClientId, form["client_id"]);
        });
    }

    [Fact]
    public async Task Slow_down_adds_five_seconds_to_this_and_every_later_interval()
    {
        var (provider, app, clock) = Create(Started(), [Error("slow_down"), Error("authorization_pending"), Token]);
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync());

        await AdvanceAsync(clock, 1, 5);
        await WaitForPollsAsync(provider, 1);
        // Now 10 s: after 5 more seconds nothing may be sent.
        await AdvanceAsync(clock, 2, 9.9);
        await Task.Delay(50);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForPollsAsync(provider, 2);
        // Still 10 s after a plain authorization_pending.
        await AdvanceAsync(clock, 3, 9.9);
        await Task.Delay(50);
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal("device-access-token-1", (await poll).AccessToken);
    }

    [Fact]
    public async Task Access_denied_is_a_typed_error_and_polling_stops()
    {
        var (provider, app, clock) = Create(Started(), [Error("access_denied")]);
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync());
        await AdvanceAsync(clock, 1, 5);
        var error = await Assert.ThrowsAsync<OAuthException>(() => poll);
        Assert.Equal(OAuthErrorType.DeviceAuthorizationDenied, error.Type);
        Assert.Equal("access_denied", error.Error);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task Expired_token_is_a_typed_error()
    {
        var (_, app, clock) = Create(Started(), [Error("expired_token")]);
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync());
        await AdvanceAsync(clock, 1, 5);
        var error = await Assert.ThrowsAsync<OAuthException>(() => poll);
        Assert.Equal(OAuthErrorType.DeviceCodeExpired, error.Type);
        Assert.Equal("expired_token", error.Error);
    }

    [Fact]
    public async Task Another_token_endpoint_error_is_token_endpoint_error()
    {
        var (_, app, clock) = Create(Started(), [Error("invalid_grant")]);
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync());
        await AdvanceAsync(clock, 1, 5);
        var error = await Assert.ThrowsAsync<OAuthException>(() => poll);
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_grant", error.Error);
    }

    [Fact]
    public async Task The_device_code_expires_on_the_apps_clock_without_another_poll()
    {
        var (provider, app, clock) = Create(Started(expiresIn: 12), [Error("authorization_pending")]);
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync());
        await AdvanceAsync(clock, 1, 5);
        await WaitForPollsAsync(provider, 1);
        await AdvanceAsync(clock, 2, 5);
        await WaitForPollsAsync(provider, 2);
        // 2 s are left: the poller waits only those, then gives up without asking again.
        await AdvanceAsync(clock, 3, 2);
        var error = await Assert.ThrowsAsync<OAuthException>(() => poll);
        Assert.Equal(OAuthErrorType.DeviceCodeExpired, error.Type);
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task Cancelling_stops_polling_with_OperationCanceledException_on_the_callers_token()
    {
        var (provider, app, clock) = Create(Started(), [Error("authorization_pending")]);
        using var cancellation = new CancellationTokenSource();
        var poll = app.PollDeviceTokenAsync(await app.StartDeviceAuthorizationAsync(), cancellation.Token);
        await AdvanceAsync(clock, 1, 5);
        await WaitForPollsAsync(provider, 1);
        await clock.WaitForTimersAsync(2);
        cancellation.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task An_authorization_of_another_app_is_refused_before_anything_is_sent()
    {
        var (_, app, _) = Create(Started(), [Token]);
        var authorization = await app.StartDeviceAuthorizationAsync();
        var (otherProvider, other, _) = Create(Started(), [Token]);
        await Assert.ThrowsAsync<ArgumentException>(() => other.PollDeviceTokenAsync(authorization));
        Assert.Empty(otherProvider.Requests);
    }

    [Fact]
    public async Task Client_secret_basic_authenticates_the_device_request_as_at_the_token_endpoint()
    {
        var (provider, app, _) = Create(Started(), [Token], o => o.ClientAuthMethod = ClientAuthMethod.ClientSecretBasic);
        await app.StartDeviceAuthorizationAsync();
        var request = Assert.Single(provider.To(DeviceUrl));
        Assert.StartsWith("Basic ", request.Authorization);
        Assert.DoesNotContain(request.Form(), p => p.Key == "client_secret");
    }

    [Fact]
    public void A_device_url_on_an_OAuth1_app_is_invalid_configuration()
    {
        var error = Assert.Throws<OAuthException>(() => new RemoteApp(new HttpClient(), new RemoteAppOptions
        {
            Name = "o1", ConsumerKey = "key", ConsumerSecret = "secret", RequestTokenUrl = "https://x.example/rt",
            AccessTokenUrl = "https://x.example/at", AuthorizeUrl = "https://x.example/a", DeviceAuthorizationUrl = "https://x.example/d",
        }));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("DeviceAuthorizationUrl", error.Message);
    }
}
