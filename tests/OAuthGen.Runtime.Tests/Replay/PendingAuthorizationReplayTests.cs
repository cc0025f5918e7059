using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Replay;

/// <summary>A pending authorization completes once: the second use is refused before anything is sent.</summary>
public class PendingAuthorizationReplayTests
{
    private const string Callback = "https://app.example.com/cb";
    private const string FormType = "application/x-www-form-urlencoded";
    private const string TokenJson = """{"access_token":"at-1","token_type":"bearer","expires_in":3600}""";

    private static List<KeyValuePair<string, string>> Params(params (string Name, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))];

    private static async Task<(FakeProvider Provider, RemoteApp App, PendingAuthorization Pending)> StartOAuth2Async(
        string tokenJson = TokenJson, HttpStatusCode status = HttpStatusCode.OK, Action<RemoteAppOptions>? configure = null)
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond(tokenJson, status: status));
        var app = provider.App(configure);
        var redirect = await app.AuthorizeAsync(Callback);
        return (provider, app, redirect.Pending);
    }

    [Fact]
    public async Task OAuth2_a_completed_flow_cannot_complete_again_and_the_second_use_sends_nothing()
    {
        var (provider, app, pending) = await StartOAuth2Async();
        var first = await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);
        Assert.Equal("at-1", first.Token!.AccessToken);

        // The same callback again (a reload), and a copy of the pending authorization restored from its cookie.
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));
        var restored = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "other"), ("state", pending.State!)), PendingAuthorization.FromJson(pending.ToJson())));

        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, restored.Type);
        Assert.Single(provider.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""")]
    [InlineData(HttpStatusCode.InternalServerError, "oops")]
    public async Task OAuth2_a_flow_whose_code_exchange_failed_cannot_be_used_again(HttpStatusCode status, string body)
    {
        var (provider, app, pending) = await StartOAuth2Async(body, status);
        var failed = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));
        Assert.NotEqual(OAuthErrorType.PendingAuthorizationUsed, failed.Type);

        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));

        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task OAuth2_a_denial_or_error_redirect_with_the_state_spends_the_flow()
    {
        var (provider, app, pending) = await StartOAuth2Async();
        var denied = await app.AuthorizedResponseAsync(Params(("error", "access_denied"), ("state", pending.State!)), pending);
        Assert.True(denied.IsDenied);
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);

        var second = (await app.AuthorizeAsync(Callback)).Pending;
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("error", "server_error"), ("state", second.State!)), second));
        Assert.Equal(OAuthErrorType.AuthorizationError, error.Type);
        var replayAfterError = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", second.State!)), second));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replayAfterError.Type);

        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task OAuth2_forged_callbacks_do_not_spend_the_users_flow()
    {
        var (provider, app, pending) = await StartOAuth2Async();
        var forged = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "attacker-code"), ("state", "guessed")), pending));
        Assert.Equal(OAuthErrorType.StateMismatch, forged.Type);
        await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(Params(("code", "attacker-code")), pending));
        // An error without state cannot be told from a forgery: reported, but the flow is not spent.
        var unverified = await app.AuthorizedResponseAsync(Params(("error", "access_denied")), pending);
        Assert.True(unverified.IsDenied);
        Assert.Empty(provider.Requests);

        var result = await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        Assert.Equal("at-1", result.Token!.AccessToken);
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task OAuth2_concurrent_uses_of_one_flow_send_one_token_request()
    {
        var (provider, app, pending) = await StartOAuth2Async();
        var uses = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending)).Token!.AccessToken;
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.PendingAuthorizationUsed)
            {
                return null;
            }
        })).ToArray();

        var tokens = await Task.WhenAll(uses);

        Assert.Equal("at-1", Assert.Single(tokens, t => t is not null));
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task Another_app_instance_of_the_same_name_and_clock_refuses_the_replay_too()
    {
        // Dependency injection makes a new client per resolve: the default store is per process, not per instance.
        var (provider, app, pending) = await StartOAuth2Async();
        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);
        var other = new RemoteApp(provider.Client(), app.Options);

        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            other.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));

        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Single(provider.Requests);
    }

    [Fact]
    public async Task OAuth1_a_completed_or_failed_flow_cannot_be_used_again_and_forgeries_do_not_spend_it()
    {
        var accessTokenAnswers = new Queue<HttpResponseMessage>([
            StubHandler.Respond("oauth_problem=verifier_invalid", FormType, HttpStatusCode.Unauthorized),
            StubHandler.Respond("oauth_token=acc&oauth_token_secret=acc-secret", FormType),
            StubHandler.Respond("oauth_token=acc2&oauth_token_secret=acc-secret2", FormType), // a lenient provider grants again
        ]);
        var handler = new StubHandler(request => request.Uri.AbsolutePath switch
        {
            "/oauth/request_token" => StubHandler.Respond($"oauth_token=req-{Guid.NewGuid():N}&oauth_token_secret=req-secret&oauth_callback_confirmed=true", FormType),
            "/oauth/access_token" => accessTokenAnswers.Dequeue(),
            _ => StubHandler.Respond("", null, HttpStatusCode.NotFound),
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "oauth1-" + Guid.NewGuid().ToString("N"),
            RequestTokenUrl = "https://provider.example.com/oauth/request_token",
            AccessTokenUrl = "https://provider.example.com/oauth/access_token",
            AuthorizeUrl = "https://provider.example.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = "consumer-secret-value",
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        });
        int AccessTokenRequests() => handler.Requests.Count(r => r.Uri.AbsolutePath == "/oauth/access_token");

        // Failed first use: the second sends nothing.
        var failing = (await app.AuthorizeAsync(Callback)).Pending;
        await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", failing.RequestToken!), ("oauth_verifier", "v")), failing));
        var afterFailure = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", failing.RequestToken!), ("oauth_verifier", "v")), failing));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, afterFailure.Type);
        Assert.Equal(1, AccessTokenRequests());

        // A forged callback (another request token) leaves the flow usable; the real one completes it, once.
        var pending = (await app.AuthorizeAsync(Callback)).Pending;
        var forged = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", "someone-elses"), ("oauth_verifier", "v")), pending));
        Assert.Equal(OAuthErrorType.StateMismatch, forged.Type);
        var forgedDenial = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", "someone-elses"), ("denied", "someone-elses")), pending));
        Assert.Equal(OAuthErrorType.StateMismatch, forgedDenial.Type);
        var granted = await app.AuthorizedResponseAsync(Params(("oauth_token", pending.RequestToken!), ("oauth_verifier", "v")), pending);
        Assert.Equal("acc", granted.Token!.AccessToken);
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", pending.RequestToken!), ("oauth_verifier", "v")), pending));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Equal(2, AccessTokenRequests());

        // A denial spends the flow as well.
        var denied = (await app.AuthorizeAsync(Callback)).Pending;
        Assert.True((await app.AuthorizedResponseAsync(Params(("denied", denied.RequestToken!)), denied)).IsDenied);
        var afterDenial = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("oauth_token", denied.RequestToken!), ("oauth_verifier", "v")), denied));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, afterDenial.Type);
        Assert.Equal(2, AccessTokenRequests());
    }

    [Fact]
    public async Task A_store_in_the_options_gets_a_hashed_key_and_the_flows_expiry()
    {
        var store = new RecordingReplayStore();
        var (provider, app, pending) = await StartOAuth2Async(configure: options =>
        {
            options.ReplayStore = store;
            options.PendingAuthorizationLifetime = TimeSpan.FromMinutes(3);
        });

        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));

        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Equal(2, store.Calls.Count);
        var (key, expiresAt) = store.Calls.First();
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.DoesNotContain(pending.State!, key, StringComparison.Ordinal);
        Assert.Equal(pending.CreatedAt + TimeSpan.FromMinutes(3), expiresAt);
        Assert.Single(provider.Requests);
    }

    [Fact]
    public void Keys_tell_flows_apart_by_app_state_request_token_and_start()
    {
        var pending = new PendingAuthorization
        {
            AppName = "app", RedirectUri = Callback, CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), State = "s1",
        };
        var keys = new[]
        {
            pending, pending with { AppName = "app2" }, pending with { State = "s2" }, pending with { CreatedAt = pending.CreatedAt.AddTicks(1) },
            pending with { State = null, RequestToken = "s1" }, pending with { AppName = "app|5:s1" },
        }.Select(PendingAuthorizationReplay.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        // Same flow, same key: the redirect URI and PKCE verifier are not part of the identity.
        Assert.Equal(keys[0], PendingAuthorizationReplay.Key(pending with { CodeVerifier = "v", RedirectUri = "https://other.example.com/" }));
        // The same instant in another offset is the same flow.
        Assert.Equal(keys[0], PendingAuthorizationReplay.Key(pending with { CreatedAt = pending.CreatedAt.ToOffset(TimeSpan.FromHours(2)) }));
    }

    /// <summary>Records every call; a key is "used" from its second call on (the tests call it one at a time).</summary>
    private sealed class RecordingReplayStore : IReplayStore
    {
        public ConcurrentQueue<(string Key, DateTimeOffset ExpiresAt)> Calls { get; } = new();

        public ValueTask<bool> TryMarkUsedAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            Calls.Enqueue((key, expiresAt));
            return ValueTask.FromResult(Calls.Count(c => c.Key == key) == 1);
        }
    }
}
