using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>
/// The seams a web farm plugs into (<see cref="ITokenRefreshCoordinator"/>, <see cref="IClientCredentialsCache"/>): what
/// the refresh does inside its lease, and that a shared cache's token spares the token request.
/// </summary>
public class FarmCoordinationTests
{
    private static OAuthToken Expired(RemoteAppOptions options, string name = "old") =>
        new("at-" + name) { RefreshToken = "rt-" + name, ExpiresAt = options.TimeProvider.GetUtcNow().AddMinutes(-1) };

    private static FakeProvider Provider(Action? onToken = null) => new FakeProvider()
        .On(FakeProvider.TokenUrl, request =>
        {
            onToken?.Invoke();
            return StubHandler.Respond($$"""{"access_token":"at-new","refresh_token":"rt-new","expires_in":3600,"used":"{{request.Form()["refresh_token"]}}"}""");
        })
        .OnApi("me", "at-new")
        .OnApi("other", "at-other");

    [Fact]
    public async Task The_refresh_is_sent_saved_and_completed_inside_the_lease()
    {
        var events = new ConcurrentQueue<string>();
        var options = FakeProvider.Options();
        var store = new RecordingStore(Expired(options), events);
        var coordinator = new RecordingCoordinator(events, current: null);
        options.TokenStore = store;
        options.RefreshCoordinator = coordinator;
        var app = new RemoteApp(Provider(() => events.Enqueue("token request")).Client(), options);

        var response = await app.GetAsync("me");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["acquire", "read current", "token request", "save at-new", "complete at-new", "release"], events.SkipWhile(e => e != "acquire"));
        var scope = Assert.Single(coordinator.Scopes);
        Assert.Same(store, scope.Store);
        Assert.Equal(FakeProvider.ClientId, scope.ClientId);
        Assert.Equal(64, scope.RefreshTokenHash.Length);
        Assert.DoesNotContain("rt-old", scope.ToString());
    }

    [Fact]
    public async Task A_token_another_process_refreshed_is_used_and_nothing_is_sent()
    {
        var options = FakeProvider.Options();
        var other = new OAuthToken("at-other") { RefreshToken = "rt-other", ExpiresAt = options.TimeProvider.GetUtcNow().AddHours(1) };
        var store = new RecordingStore(Expired(options), new());
        options.TokenStore = store;
        options.RefreshCoordinator = new RecordingCoordinator(new(), current: other);
        var provider = Provider();
        var app = new RemoteApp(provider.Client(), options);

        var response = await app.GetAsync("other");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task A_newer_grant_in_the_store_that_is_due_too_is_refreshed_instead_of_the_callers_copy()
    {
        var options = FakeProvider.Options();
        var store = new RecordingStore(Expired(options, "newer"), new());
        options.TokenStore = store;
        options.RefreshCoordinator = new RecordingCoordinator(new(), current: Expired(options, "newer"));
        var provider = Provider();
        var app = new RemoteApp(provider.Client(), options);
        // The store handed out the older copy just before another process rotated it.
        store.NextRead = Expired(options, "older");

        var response = await app.GetAsync("me");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("rt-newer", Assert.Single(provider.To(FakeProvider.TokenUrl)).Form()["refresh_token"]);
    }

    [Fact]
    public async Task A_lock_that_cannot_be_taken_fails_typed_and_sends_nothing()
    {
        var options = FakeProvider.Options();
        var store = new RecordingStore(Expired(options), new());
        options.TokenStore = store;
        options.RefreshCoordinator = new RefusingCoordinator();
        var provider = Provider();
        var app = new RemoteApp(provider.Client(), options);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));

        Assert.Equal(OAuthErrorType.RefreshLockUnavailable, error.Type);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task A_shared_client_credentials_token_spares_the_token_request()
    {
        var options = FakeProvider.Options(o => o.Scope = "reports");
        var shared = new OAuthToken("at-shared") { ExpiresAt = options.TimeProvider.GetUtcNow().AddHours(1) };
        var cache = new SharedCache(new CachedClientCredentials(shared, options.TimeProvider.GetUtcNow().AddMinutes(30)));
        options.ClientCredentialsCache = cache;
        var provider = Provider();
        var app = new RemoteApp(provider.Client(), options);

        var token = await app.ClientCredentialsAsync();

        Assert.Equal("at-shared", token.AccessToken);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
        var key = Assert.Single(cache.Keys);
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain(FakeProvider.ClientSecret, key);
    }

    private sealed class RecordingStore(OAuthToken initial, ConcurrentQueue<string> events) : ITokenStore
    {
        private OAuthToken _token = initial;

        public OAuthToken? NextRead { get; set; }

        public ConcurrentQueue<OAuthToken> Saved { get; } = new();

        public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
        {
            var read = NextRead ?? _token;
            NextRead = null;
            return ValueTask.FromResult<OAuthToken?>(read);
        }

        public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
        {
            events.Enqueue("save " + token.AccessToken);
            Saved.Enqueue(token);
            _token = token;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingCoordinator(ConcurrentQueue<string> events, OAuthToken? current) : ITokenRefreshCoordinator
    {
        public ConcurrentQueue<TokenRefreshScope> Scopes { get; } = new();

        public ValueTask<ITokenRefreshLease> AcquireAsync(TokenRefreshScope scope, CancellationToken cancellationToken)
        {
            events.Enqueue("acquire");
            Scopes.Enqueue(scope);
            return ValueTask.FromResult<ITokenRefreshLease>(new Lease(events, current));
        }

        private sealed class Lease(ConcurrentQueue<string> events, OAuthToken? current) : ITokenRefreshLease
        {
            public ValueTask<OAuthToken?> ReadCurrentAsync(CancellationToken cancellationToken)
            {
                events.Enqueue("read current");
                return ValueTask.FromResult(current);
            }

            public ValueTask CompleteAsync(OAuthToken refreshed, CancellationToken cancellationToken)
            {
                events.Enqueue("complete " + refreshed.AccessToken);
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync()
            {
                events.Enqueue("release");
                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class RefusingCoordinator : ITokenRefreshCoordinator
    {
        public ValueTask<ITokenRefreshLease> AcquireAsync(TokenRefreshScope scope, CancellationToken cancellationToken) =>
            throw new OAuthException(OAuthErrorType.RefreshLockUnavailable, "The lock is held elsewhere.");
    }

    private sealed class SharedCache(CachedClientCredentials shared) : IClientCredentialsCache
    {
        public ConcurrentQueue<string> Keys { get; } = new();

        public ValueTask<CachedClientCredentials> GetOrRequestAsync(string key, Func<CachedClientCredentials, bool> isReusable,
            Func<CancellationToken, Task<CachedClientCredentials>> request, CancellationToken cancellationToken)
        {
            Keys.Enqueue(key);
            return isReusable(shared) ? ValueTask.FromResult(shared) : new ValueTask<CachedClientCredentials>(request(cancellationToken));
        }

        public ValueTask ForgetAsync(OAuthToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
