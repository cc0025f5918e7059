using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class RefreshTests
{
    /// <summary>A regression must fail the test, not hang the suite.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private const string NewTokenJson = """{"access_token":"at-new","token_type":"bearer","expires_in":3600}""";

    private static OAuthToken ExpiringToken(RemoteAppOptions options, TimeSpan expiresIn, string? refreshToken = "rt-old") =>
        new("at-old") { RefreshToken = refreshToken, ExpiresAt = options.TimeProvider.GetUtcNow() + expiresIn, Scope = "read" };

    [Fact]
    public async Task An_expired_token_is_refreshed_saved_and_announced_before_the_call_uses_it()
    {
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(ExpiringToken(options, TimeSpan.FromSeconds(30))); // inside the 60 s leeway
        var announced = 0;
        options.TokenStore = store;
        options.TokenUpdated = (request, token, _) =>
        {
            Assert.Equal(new TokenRequest(options.Name, null), request);
            Assert.Equal("at-new", token.AccessToken);
            Interlocked.Increment(ref announced);
            return ValueTask.CompletedTask;
        };
        var provider = new FakeProvider().OnToken(NewTokenJson).On(FakeProvider.ApiUrl + "me", request =>
        {
            // By the time the new token is used, it has been saved and announced.
            Assert.Equal("at-new", store.Current!.AccessToken);
            Assert.Equal(1, Volatile.Read(ref announced));
            return StubHandler.Respond(request.Authorization == "Bearer at-new" ? "{}" : "{\"error\":1}",
                status: request.Authorization == "Bearer at-new" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
        });
        var app = new RemoteApp(provider.Client(), options);

        var response = await app.GetAsync("me");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var refresh = Assert.Single(provider.To(FakeProvider.TokenUrl));
        var form = refresh.Form();
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("rt-old", form["refresh_token"]);
        Assert.Equal(FakeProvider.ClientSecret, form["client_secret"]);
        var saved = Assert.Single(store.Saved);
        Assert.Equal("rt-old", saved.RefreshToken); // the response had none: the old one is kept
        Assert.Equal("read", saved.Scope);
        Assert.Equal(options.TimeProvider.GetUtcNow().AddHours(1), saved.ExpiresAt);
    }

    [Fact]
    public async Task A_token_outside_the_leeway_is_not_refreshed_and_the_leeway_is_configurable()
    {
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-old");
        var app = provider.App();
        await app.GetAsync("me", token: ExpiringToken(app.Options, TimeSpan.FromSeconds(61)));
        Assert.Empty(provider.To(FakeProvider.TokenUrl));

        var lenient = provider.App(o => o.RefreshLeeway = TimeSpan.FromSeconds(5));
        await lenient.GetAsync("me", token: ExpiringToken(lenient.Options, TimeSpan.FromSeconds(30)));
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task A_rotated_refresh_token_replaces_the_old_one()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at-new","refresh_token":"rt-rotated","scope":"read write"}""").OnApi("me", "at-new");
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(ExpiringToken(options, TimeSpan.Zero));
        options.TokenStore = store;
        await new RemoteApp(provider.Client(), options).GetAsync("me");
        var saved = Assert.Single(store.Saved);
        Assert.Equal("rt-rotated", saved.RefreshToken);
        Assert.Equal("read write", saved.Scope);
    }

    [Fact]
    public async Task A_failed_refresh_is_refresh_failed_and_the_stored_token_is_left_alone()
    {
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, _ => StubHandler.Respond("""{"error":"invalid_grant","error_description":"Token is not active"}""", status: HttpStatusCode.BadRequest))
            .OnApi("me", "at-new");
        var options = FakeProvider.Options();
        var old = ExpiringToken(options, TimeSpan.FromMinutes(-5));
        var store = new MemoryTokenStore(old);
        var updated = false;
        options.TokenStore = store;
        options.TokenUpdated = (_, _, _) => { updated = true; return ValueTask.CompletedTask; };
        var app = new RemoteApp(provider.Client(), options);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));

        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
        Assert.Equal("invalid_grant", error.Error);
        Assert.Equal("Token is not active", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.BadRequest, error.Response!.Status);
        Assert.Same(old, store.Current);
        Assert.Empty(store.Saved);
        Assert.False(updated);
        Assert.Empty(provider.To(FakeProvider.ApiUrl + "me"));

        // The failure is not remembered: once the server recovers, the next call refreshes.
        provider.OnToken(NewTokenJson);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("me")).Status);
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_on_transient_clients_share_exactly_one_refresh()
    {
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(ExpiringToken(options, TimeSpan.FromMinutes(-1)));
        options.TokenStore = store;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, async _ =>
            {
                await release.Task; // hold the refresh until every call is in flight
                return StubHandler.Respond(NewTokenJson);
            })
            .OnApi("me", "at-new");

        // A new client per call, as dependency injection makes them: the single flight must be process-wide.
        var calls = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(() => new RemoteApp(provider.Client(), options).GetAsync("me")))
            .ToArray();
        await WaitForRefreshRequestAsync(provider);
        await Task.Delay(50);
        release.SetResult();
        var responses = await Task.WhenAll(calls).WaitAsync(Limit);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Single(store.Saved);
        Assert.Equal(200, provider.To(FakeProvider.ApiUrl + "me").Count);
    }

    [Fact]
    public async Task A_caller_still_holding_the_old_token_after_the_refresh_gets_the_new_one()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at-new","refresh_token":"rt-rotated","expires_in":3600}""").OnApi("me", "at-new");
        var options = FakeProvider.Options();
        var old = ExpiringToken(options, TimeSpan.FromMinutes(-1));
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(old); // a getter that never learns of the refresh

        Assert.Equal(HttpStatusCode.OK, (await new RemoteApp(provider.Client(), options).GetAsync("me")).Status);
        // Without a store to re-read, the old (now rotated) refresh token must not be sent again.
        Assert.Equal(HttpStatusCode.OK, (await new RemoteApp(provider.Client(), options).GetAsync("me")).Status);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task A_named_token_is_refreshed_and_announced_under_its_name()
    {
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-new");
        TokenRequest? announced = null;
        var options = FakeProvider.Options(o => o.TokenUpdated = (request, _, _) => { announced = request; return ValueTask.CompletedTask; });
        options.TokenGetter = (request, _) => ValueTask.FromResult<OAuthToken?>(request.TokenName == "work" ? ExpiringToken(options, TimeSpan.Zero) : null);
        var response = await new RemoteApp(provider.Client(), options).GetAsync("me", tokenName: "work");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(new TokenRequest(options.Name, "work"), announced);
    }

    [Fact]
    public async Task An_explicit_token_is_sent_as_given_and_never_refreshed_into_the_store()
    {
        // A background job calls with user B's token while the store holds user A's: nothing may cross over.
        var options = FakeProvider.Options();
        var storedForA = new OAuthToken("at-user-a") { RefreshToken = "rt-a", ExpiresAt = options.TimeProvider.GetUtcNow().AddHours(1) };
        var store = new MemoryTokenStore(storedForA);
        options.TokenStore = store;
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-old");
        var app = new RemoteApp(provider.Client(), options);

        var response = await app.GetAsync("me", token: ExpiringToken(options, TimeSpan.FromMinutes(-1)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer at-old", Assert.Single(provider.Requests).Authorization);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
        Assert.Same(storedForA, store.Current);
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task A_failing_store_does_not_lose_the_refreshed_token()
    {
        var options = FakeProvider.Options();
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(ExpiringToken(options, TimeSpan.Zero));
        options.TokenUpdated = (_, _, _) => throw new ObjectDisposedException("scope"); // e.g. the request's scope is gone
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-new");

        var response = await new RemoteApp(provider.Client(), options).GetAsync("me");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task Refresh_and_client_credentials_always_POST_even_when_code_exchanges_use_GET()
    {
        var options = FakeProvider.Options(o => o.AccessTokenMethod = HttpMethod.Get);
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(ExpiringToken(options, TimeSpan.Zero));
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-new");
        var app = new RemoteApp(provider.Client(), options);

        await app.GetAsync("me");
        await app.ClientCredentialsAsync(scope: "post-only-" + Guid.NewGuid());

        var calls = provider.To(FakeProvider.TokenUrl);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal(HttpMethod.Post, call.Method);
            Assert.DoesNotContain("secret", call.Uri.Query, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task An_expired_token_without_refresh_token_is_sent_and_the_server_answers()
    {
        var provider = new FakeProvider().OnToken(NewTokenJson).OnApi("me", "at-new");
        var app = provider.App();
        var response = await app.GetAsync("me", token: ExpiringToken(app.Options, TimeSpan.FromMinutes(-1), refreshToken: null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer at-old", Assert.Single(provider.Requests).Authorization);
    }

    [Fact]
    public async Task RefreshAsync_refreshes_on_demand_and_returns_the_token_without_saving_it()
    {
        var provider = new FakeProvider().OnToken(NewTokenJson);
        var store = new MemoryTokenStore(null);
        var app = provider.App(o =>
        {
            o.TokenStore = store;
            o.AccessTokenHeaders["User-Agent"] = "bot/1";
            o.AccessTokenParams["grant_type"] = "authorization_code"; // for the code exchange only: it would break a refresh
        });
        var fresh = await app.RefreshAsync(ExpiringToken(app.Options, TimeSpan.FromHours(1)));
        Assert.Equal("at-new", fresh.AccessToken);
        Assert.Equal("rt-old", fresh.RefreshToken);
        Assert.Empty(store.Saved); // the caller's token: the caller persists it
        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Equal("bot/1", request.Header("User-Agent"));
        Assert.Equal(["refresh_token"], request.Form().GetValues("grant_type"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.RefreshAsync(new OAuthToken("at")));
        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_cancel_the_shared_refresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, async _ => { await release.Task; return StubHandler.Respond(NewTokenJson); })
            .OnApi("me", "at-new");
        var options = FakeProvider.Options();
        var old = ExpiringToken(options, TimeSpan.Zero);
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(old);
        using var cancel = new CancellationTokenSource();

        var cancelled = new RemoteApp(provider.Client(), options).GetAsync("me", cancellationToken: cancel.Token);
        var patient = new RemoteApp(provider.Client(), options).GetAsync("me");
        await WaitForRefreshRequestAsync(provider);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        release.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await patient.WaitAsync(Limit)).Status);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    private static async Task WaitForRefreshRequestAsync(FakeProvider provider)
    {
        var started = DateTime.UtcNow;
        while (provider.To(FakeProvider.TokenUrl).Count == 0)
        {
            Assert.True(DateTime.UtcNow - started < Limit, "No refresh request was sent.");
            await Task.Delay(5);
        }
    }
}
