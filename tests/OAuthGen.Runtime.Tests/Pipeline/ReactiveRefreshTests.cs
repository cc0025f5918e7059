using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Pipeline;

/// <summary>RFC 6750 §3.1: a stored token the resource server rejects with <c>invalid_token</c> is refreshed once and the call sent once more.</summary>
public class ReactiveRefreshTests
{
    private const string Rejected = "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The \\\"token\\\" was revoked\"";

    /// <summary>An API that takes only <paramref name="accepted"/>, and a token endpoint that rotates to it, counting refreshes.</summary>
    private static FakeProvider Provider(string accepted, Func<int> countRefresh, string challenge = Rejected) => new FakeProvider()
        .On(FakeProvider.TokenUrl, _ =>
        {
            countRefresh();
            return StubHandler.Respond($$"""{"access_token":"{{accepted}}","refresh_token":"rt-2","token_type":"bearer","expires_in":3600}""");
        })
        .On(FakeProvider.ApiUrl + "me", request =>
        {
            if (request.Authorization == $"Bearer {accepted}") return StubHandler.Respond("{\"ok\":true}");
            var response = StubHandler.Respond("{\"error\":\"invalid_token\"}", status: HttpStatusCode.Unauthorized);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
            return response;
        });

    /// <summary>A token that looks good for an hour, so only the server's 401 can start the refresh.</summary>
    private static OAuthToken StoredToken(RemoteAppOptions options) =>
        new("at-revoked") { RefreshToken = "rt-1", ExpiresAt = options.TimeProvider.GetUtcNow().AddHours(1) };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_hundred_concurrent_calls_rejected_for_the_same_token_share_one_refresh(bool handlerInChain)
    {
        var refreshes = 0;
        var provider = Provider("at-2", () => Interlocked.Increment(ref refreshes));
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(StoredToken(options));
        options.TokenStore = store;
        var client = handlerInChain ? Chain.Of(provider, new RemoteAppAuthenticationHandler()) : Chain.Of(provider);
        var app = new RemoteApp(client, options);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => app.GetAsync("me"))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        Assert.Equal(1, refreshes);
        Assert.Equal("at-2", store.Current!.AccessToken);
        Assert.Equal("rt-2", store.Current.RefreshToken);
    }

    [Fact]
    public async Task An_explicit_token_gets_the_401_back_untouched()
    {
        var refreshes = 0;
        var provider = Provider("at-2", () => Interlocked.Increment(ref refreshes));
        var app = new RemoteApp(Chain.Of(provider, new RemoteAppAuthenticationHandler()), FakeProvider.Options());

        var response = await app.GetAsync("me", token: new OAuthToken("at-revoked") { RefreshToken = "rt-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(0, refreshes);
        Assert.Single(provider.To(FakeProvider.ApiUrl + "me"));
    }

    [Fact]
    public async Task A_token_rejected_again_after_the_refresh_is_not_refreshed_twice()
    {
        var refreshes = 0;
        var provider = Provider("never-accepted", () => Interlocked.Increment(ref refreshes));
        // The token endpoint issues "never-accepted", but the API accepts nothing.
        provider.On(FakeProvider.ApiUrl + "me", _ =>
        {
            var response = StubHandler.Respond("{}", status: HttpStatusCode.Unauthorized);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", Rejected);
            return response;
        });
        var options = FakeProvider.Options();
        options.TokenStore = new MemoryTokenStore(StoredToken(options));
        var app = new RemoteApp(Chain.Of(provider, new RemoteAppAuthenticationHandler()), options);

        var response = await app.GetAsync("me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(1, refreshes);
        Assert.Equal(2, provider.To(FakeProvider.ApiUrl + "me").Count);
    }

    [Theory]
    [InlineData("Bearer realm=\"api\"")]
    [InlineData("Bearer realm=\"api\", error=\"insufficient_scope\"")]
    [InlineData("Bearer error_description=\"error=\\\"invalid_token\\\"\"")]
    public async Task Other_401s_are_returned_without_a_refresh(string challenge)
    {
        var refreshes = 0;
        var provider = Provider("at-2", () => Interlocked.Increment(ref refreshes), challenge);
        var options = FakeProvider.Options();
        options.TokenStore = new MemoryTokenStore(StoredToken(options));
        var app = new RemoteApp(Chain.Of(provider, new RemoteAppAuthenticationHandler()), options);

        var response = await app.GetAsync("me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(0, refreshes);
    }

    [Fact]
    public async Task A_body_that_cannot_be_sent_again_is_not_retried()
    {
        var refreshes = 0;
        var provider = Provider("at-2", () => Interlocked.Increment(ref refreshes));
        var options = FakeProvider.Options();
        options.TokenStore = new MemoryTokenStore(StoredToken(options));
        var app = new RemoteApp(Chain.Of(provider, new RemoteAppAuthenticationHandler()), options);
        using var stream = new StreamContent(new MemoryStream([1, 2, 3]));

        var response = await app.PostAsync("me", stream);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(0, refreshes);
    }

    [Fact]
    public async Task A_failed_refresh_after_a_rejection_is_refresh_failed_and_keeps_the_stored_token()
    {
        var provider = Provider("at-2", () => 0);
        provider.On(FakeProvider.TokenUrl, _ => StubHandler.Respond("{\"error\":\"invalid_grant\"}", status: HttpStatusCode.BadRequest));
        var options = FakeProvider.Options();
        var stored = StoredToken(options);
        var store = new MemoryTokenStore(stored);
        options.TokenStore = store;
        var app = new RemoteApp(Chain.Of(provider, new RemoteAppAuthenticationHandler()), options);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));

        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
        Assert.Equal("invalid_grant", error.Error);
        Assert.Same(stored, store.Current);
    }
}
