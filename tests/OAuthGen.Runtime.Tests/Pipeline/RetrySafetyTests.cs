using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth1;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Pipeline;

/// <summary>
/// A client whose HttpClient retries (handler chain: retry → lossy network → <see cref="RemoteAppAuthenticationHandler"/>
/// → server): resource requests are authenticated anew on each attempt, single-use token requests leave at most once.
/// </summary>
public class RetrySafetyTests
{
    private const string FormType = "application/x-www-form-urlencoded";
    private static readonly OAuthToken UserToken = new("user-token") { Secret = "user-token-secret" };

    private static RemoteAppOptions OAuth1Options(Action<RemoteAppOptions>? configure = null)
    {
        var options = new RemoteAppOptions
        {
            Name = "oauth1-" + Guid.NewGuid().ToString("N"),
            BaseUrl = "https://api.example.com/1/",
            RequestTokenUrl = "https://api.example.com/oauth/request_token",
            AccessTokenUrl = "https://api.example.com/oauth/access_token",
            AuthorizeUrl = "https://api.example.com/oauth/authorize",
            RequestTokenMethod = HttpMethod.Post,
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(UserToken),
        };
        configure?.Invoke(options);
        return options;
    }

    private static StubHandler OAuth1Server() => new(request => request.Uri.AbsolutePath switch
    {
        "/oauth/request_token" => StubHandler.Respond("oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true", FormType),
        "/oauth/access_token" => StubHandler.Respond("oauth_token=at&oauth_token_secret=ats", FormType),
        _ => StubHandler.Respond("{\"ok\":true}"),
    });

    [Theory]
    [InlineData(SignatureType.Header)]
    [InlineData(SignatureType.Query)]
    [InlineData(SignatureType.Body)]
    public async Task A_retried_OAuth1_request_is_signed_again_with_a_fresh_nonce(SignatureType placement)
    {
        var server = OAuth1Server();
        var lossy = new LoseFirstAnswer();
        var app = new RemoteApp(Chain.Of(server, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()),
            OAuth1Options(options => options.SignatureType = placement));

        var response = await app.PostAsync("statuses/update.json", new Dictionary<string, string> { ["status"] = "hello" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, lossy.Lost);
        Assert.Equal(2, server.Requests.Count);
        var nonces = server.Requests.Select(r => ProviderCheck.ProtocolParameters(r)["oauth_nonce"]).ToList();
        Assert.NotEqual(nonces[0], nonces[1]);
        foreach (var request in server.Requests)
        {
            Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));
            // One set of protocol parameters per attempt: the first attempt's signature was dropped, not kept beside the new one.
            Assert.Single(ProviderCheck.CollectParameters(request), p => p.Key == "oauth_signature");
            Assert.Single(ProviderCheck.CollectParameters(request), p => p.Key == "status");
        }
    }

    [Theory]
    [InlineData(TokenPlacement.Header)]
    [InlineData(TokenPlacement.Query)]
    [InlineData(TokenPlacement.Body)]
    public async Task A_retried_OAuth2_request_carries_the_current_token_once(TokenPlacement placement)
    {
        var current = new OAuthToken("token-1");
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "notes", _ => StubHandler.Respond("{}"));
        // The token changes while the first answer is lost (another request refreshed it): the retry sends the new one.
        var lossy = new LoseFirstAnswer { Applies = _ => { current = new OAuthToken("token-2"); return true; } };
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()), FakeProvider.Options(options =>
        {
            options.TokenPlacement = placement;
            options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(current);
        }));

        var response = await app.PostAsync("notes", new Dictionary<string, string> { ["text"] = "hi" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var sent = provider.Requests.Select(r => placement switch
        {
            TokenPlacement.Header => [r.Authorization!],
            TokenPlacement.Query => FormData.Parse(r.Uri.Query).GetValues("access_token").ToArray(),
            _ => FormData.Parse(r.BodyText).GetValues("access_token").ToArray(),
        }).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal([placement == TokenPlacement.Header ? "Bearer token-1" : "token-1"], sent[0]);
        Assert.Equal([placement == TokenPlacement.Header ? "Bearer token-2" : "token-2"], sent[1]);
        Assert.All(provider.Requests, r => Assert.Equal(["hi"], FormData.Parse(r.BodyText).GetValues("text")));
    }

    [Fact]
    public async Task PreRequest_runs_on_every_attempt_and_sees_the_request_as_the_call_built_it()
    {
        var seen = new List<string?>();
        // Read when each attempt arrives: a retry sends the same message object again.
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "me", request =>
        {
            seen.Add(request.Header("X-Attempt"));
            return StubHandler.Respond("{}");
        });
        var hooks = 0;
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), new LoseFirstAnswer(), new RemoteAppAuthenticationHandler()), FakeProvider.Options(options =>
        {
            options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("token");
            options.PreRequest = (request, _) =>
            {
                Assert.False(request.Headers.Contains("X-Attempt"));
                request.Headers.Add("X-Attempt", Interlocked.Increment(ref hooks).ToString());
                return ValueTask.CompletedTask;
            };
        }));

        await app.GetAsync("me");

        Assert.Equal(["1", "2"], seen);
    }

    [Fact]
    public async Task A_lost_authorization_code_exchange_is_sent_once_and_asks_for_a_new_sign_in()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at","token_type":"bearer"}""");
        var lossy = new LoseFirstAnswer { Applies = r => r.RequestUri!.AbsoluteUri == FakeProvider.TokenUrl };
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()), FakeProvider.Options());
        var redirect = await app.AuthorizeAsync("https://client.example/callback");

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "single-use"), new("state", redirect.Pending.State!)], redirect.Pending));

        Assert.Equal(OAuthErrorType.RestartRequired, error.Type);
        Assert.Contains("sign-in again", error.Message);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task A_code_exchange_that_gets_no_answer_without_a_retry_handler_asks_for_a_new_sign_in()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at","token_type":"bearer"}""");
        var lossy = new LoseFirstAnswer { Throw = () => new HttpRequestException("connection reset") };
        var app = new RemoteApp(Chain.Of(provider, lossy), FakeProvider.Options());
        var redirect = await app.AuthorizeAsync("https://client.example/callback");

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));

        Assert.Equal(OAuthErrorType.RestartRequired, error.Type);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_lost_refresh_is_sent_once_and_leaves_the_stored_token_alone()
    {
        var options = FakeProvider.Options();
        var expired = new OAuthToken("at-old") { RefreshToken = "rt-rotating", ExpiresAt = options.TimeProvider.GetUtcNow().AddSeconds(-5) };
        var store = new MemoryTokenStore(expired);
        options.TokenStore = store;
        var provider = new FakeProvider().OnToken("""{"access_token":"at-new","refresh_token":"rt-next","token_type":"bearer"}""");
        var lossy = new LoseFirstAnswer { Applies = r => r.RequestUri!.AbsoluteUri == FakeProvider.TokenUrl };
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()), options);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));

        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Same(expired, store.Current);
        Assert.Empty(provider.To(FakeProvider.ApiUrl + "me"));
    }

    [Fact]
    public async Task A_lost_client_credentials_request_is_retried()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"cc","token_type":"bearer","expires_in":60}""");
        var lossy = new LoseFirstAnswer();
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()), FakeProvider.Options());

        var token = await app.ClientCredentialsAsync();

        Assert.Equal("cc", token.AccessToken);
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task The_OAuth1_request_token_call_is_retried_with_a_fresh_nonce_and_the_verifier_exchange_never()
    {
        var server = OAuth1Server();
        var lossy = new LoseFirstAnswer();
        var app = new RemoteApp(Chain.Of(server, new RetryHandler(), lossy, new RemoteAppAuthenticationHandler()), OAuth1Options());

        var redirect = await app.AuthorizeAsync("https://client.example/callback");

        var initiates = server.Requests.Where(r => r.Uri.AbsolutePath == "/oauth/request_token").ToList();
        Assert.Equal(2, initiates.Count);
        Assert.NotEqual(ProviderCheck.ProtocolParameters(initiates[0])["oauth_nonce"], ProviderCheck.ProtocolParameters(initiates[1])["oauth_nonce"]);
        Assert.All(initiates, r => Assert.True(ProviderCheck.HasValidHmacSha1Signature(r, "consumer-secret", null)));

        var secondLoss = new LoseFirstAnswer();
        var exchanging = new RemoteApp(Chain.Of(server, new RetryHandler(), secondLoss, new RemoteAppAuthenticationHandler()), OAuth1Options(options => options.Name = app.Options.Name));
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            exchanging.AuthorizedResponseAsync([new("oauth_token", "rt"), new("oauth_verifier", "v")], redirect.Pending));

        Assert.Equal(OAuthErrorType.RestartRequired, error.Type);
        Assert.Single(server.Requests, r => r.Uri.AbsolutePath == "/oauth/access_token");
    }

    public static TheoryData<string, Func<Exception>> PipelineFailures => new()
    {
        { "timeout", () => new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:10'.") },
        { "socket", () => new IOException("Unable to read data from the transport connection.") },
        { "connection", () => new HttpRequestException("Connection refused (auth.example.com:443)") },
        { "circuit", () => new InvalidOperationException("The circuit is now open and is not allowing calls.") },
    };

    [Theory]
    [MemberData(nameof(PipelineFailures))]
    public async Task What_the_pipeline_throws_during_token_requests_comes_out_typed_with_the_original_inside(string name, Func<Exception> failure)
    {
        _ = name;
        var provider = new FakeProvider();
        var options = FakeProvider.Options(options => options.RevocationUrl = FakeProvider.RevocationUrl);
        var store = new MemoryTokenStore(new OAuthToken("old") { RefreshToken = "rt", ExpiresAt = options.TimeProvider.GetUtcNow() });
        options.TokenStore = store;
        var app = new RemoteApp(Chain.Of(provider, new ThrowingHandler(failure)), options);
        var redirect = await app.AuthorizeAsync("https://client.example/callback");

        var exchange = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        var refresh = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));
        var explicitRefresh = await Assert.ThrowsAsync<OAuthException>(() => app.RefreshAsync(new OAuthToken("x") { RefreshToken = "rt2" }));
        var clientCredentials = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync("scope-" + name));
        var revocation = await Assert.ThrowsAsync<OAuthException>(() => app.RevokeAsync(new OAuthToken("x")));
        var resource = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me", token: new OAuthToken("x")));

        Assert.Equal(OAuthErrorType.RestartRequired, exchange.Type);
        Assert.Equal(OAuthErrorType.RefreshFailed, refresh.Type);
        Assert.Equal(OAuthErrorType.RefreshFailed, explicitRefresh.Type);
        Assert.Equal(OAuthErrorType.TokenEndpointError, clientCredentials.Type);
        Assert.Equal(OAuthErrorType.TokenEndpointError, revocation.Type);
        Assert.Equal(OAuthErrorType.RequestFailed, resource.Type);
        foreach (var error in new[] { exchange, refresh.InnerException!, explicitRefresh.InnerException!, clientCredentials, revocation, resource })
        {
            Assert.IsType(failure().GetType(), error.InnerException);
        }
        Assert.Empty(provider.Requests);
        Assert.Equal("old", store.Current!.AccessToken);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "slow", async _ =>
        {
            cancellation.Cancel();
            await Task.Delay(Timeout.Infinite, cancellation.Token);
            return StubHandler.Respond("{}");
        });
        var app = new RemoteApp(Chain.Of(provider, new RetryHandler(), new RemoteAppAuthenticationHandler()), FakeProvider.Options());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.GetAsync("slow", token: new OAuthToken("t"), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task An_HttpClient_timeout_is_a_typed_failure_not_a_cancellation()
    {
        var client = Chain.Of(new HangingServer());
        client.Timeout = TimeSpan.FromMilliseconds(100);
        var app = new RemoteApp(client, FakeProvider.Options());

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("slow", token: new OAuthToken("t")));

        Assert.Equal(OAuthErrorType.RequestFailed, error.Type);
        Assert.Contains("timed out", error.Message);
    }

    [Fact]
    public async Task Requests_that_no_remote_app_sent_pass_an_unbound_handler_untouched()
    {
        var server = new StubHandler(_ => StubHandler.Respond("{}"));
        using var client = Chain.Of(server, new RemoteAppAuthenticationHandler());

        using var response = await client.GetAsync("https://elsewhere.example/plain");

        Assert.Null(Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task A_handler_bound_to_an_app_signs_requests_built_by_hand()
    {
        var server = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(server), OAuth1Options(options => options.NonceGenerator = null));
        using var client = Chain.Of(server, new RetryHandler(), new LoseFirstAnswer(), new RemoteAppAuthenticationHandler(app));

        using var response = await client.GetAsync("https://api.example.com/1/me?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.True(ProviderCheck.HasValidHmacSha1Signature(r, "consumer-secret", "user-token-secret")));
        Assert.NotEqual(ProviderCheck.ProtocolParameters(server.Requests[0])["oauth_nonce"], ProviderCheck.ProtocolParameters(server.Requests[1])["oauth_nonce"]);
    }

    /// <summary>A server that never answers (until the request is cancelled).</summary>
    private sealed class HangingServer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
