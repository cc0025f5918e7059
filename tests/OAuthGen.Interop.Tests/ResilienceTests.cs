using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OAuthGen.Interop.Tests.Clients;
using Polly;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Generated clients behind Microsoft.Extensions.Http.Resilience's standard handler, as docs/dependency-injection.md
/// recommends, with a network that lets the peer process a request and then loses its answer: retried resource and
/// request-token calls succeed with a fresh signature, single-use grants reach the peer exactly once and fail typed.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class ResilienceTests(AuthlibPeer peer)
{
    private const string OAuth1Callback = "http://127.0.0.1:9/oauth1/callback";

    /// <summary>The standard handler with quick retries, so the suite does not wait out real backoff.</summary>
    private static void QuickRetries(HttpStandardResilienceOptions options)
    {
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.BackoffType = DelayBackoffType.Constant;
        options.Retry.UseJitter = false;
    }

    /// <summary>A container with <typeparamref name="TApp"/> behind resilience and a lossy network, in either order.</summary>
    private ServiceProvider Services<TApp>(LostAnswers network, bool resilienceBeforeAddRemoteApp, Action<RemoteAppOptions> configure)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        var services = new ServiceCollection();
        if (resilienceBeforeAddRemoteApp)
        {
            // Registered first, for every client: AddRemoteApp's handler still ends up innermost.
            services.ConfigureHttpClientDefaults(builder => builder.AddStandardResilienceHandler(QuickRetries));
            services.AddHttpClient(typeof(TApp).FullName!).AddHttpMessageHandler(() => network);
            services.AddRemoteApp<TApp>(options => { PeerClients.MoveToPeer(options, peer); configure(options); });
        }
        else
        {
            services.AddRemoteApp<TApp>(options => { PeerClients.MoveToPeer(options, peer); configure(options); })
                .AddStandardResilienceHandler(QuickRetries).Services
                .AddHttpClient(typeof(TApp).FullName!).AddHttpMessageHandler(() => network);
        }
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OAuth1_sign_in_and_signed_calls_survive_lost_answers_with_a_fresh_nonce_per_attempt(bool resilienceFirst)
    {
        var network = new LostAnswers(request => !request.RequestUri!.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal));
        await using var services = Services<IPeerOAuth1Hmac>(network, resilienceFirst, options => options.ConsumerSecret = PeerSecrets.Tricky);
        var client = services.GetRequiredService<IPeerOAuth1Hmac>();
        var mark = await PeerReceived.MarkAsync(peer);

        var redirect = await client.AuthorizeAsync(OAuth1Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, user: "bob");
        var token = (await client.AuthorizedResponseAsync(callback, redirect.Pending)).Token!;
        var me = await client.MeAsync(token);
        var tweet = await client.UpdateStatusAsync("sent twice, signed twice", token);

        Assert.Equal("bob", me.ScreenName);
        Assert.Equal("sent twice, signed twice", tweet.Text);
        var received = await mark.SinceMarkAsync();
        foreach (var path in new[] { "/oauth1/request_token", "/oauth1/api/me", "/oauth1/api/statuses/update.json" })
        {
            var attempts = received.Where(r => r.Path == path).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.Equal(2, attempts.Select(r => r.Nonce).Distinct().Count());
            Assert.All(attempts, r => Assert.False(string.IsNullOrEmpty(r.Nonce)));
        }
        Assert.Single(received, r => r.Path == "/oauth1/access_token");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_OAuth1_verifier_exchange_reaches_the_peer_once_and_asks_for_a_new_sign_in(bool resilienceFirst)
    {
        var network = new LostAnswers(request => request.RequestUri!.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal));
        await using var services = Services<IPeerOAuth1Hmac>(network, resilienceFirst, options => options.ConsumerSecret = PeerSecrets.Tricky);
        var client = services.GetRequiredService<IPeerOAuth1Hmac>();
        var redirect = await client.AuthorizeAsync(OAuth1Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var mark = await PeerReceived.MarkAsync(peer);

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callback, redirect.Pending));

        Assert.Equal(OAuthErrorType.RestartRequired, error.Type);
        Assert.Single(await mark.SinceMarkAsync(), r => r.Path == "/oauth1/access_token");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_OAuth2_code_exchange_reaches_the_peer_once_and_fails_typed(bool resilienceFirst)
    {
        var network = new LostAnswers(request => request.RequestUri!.AbsolutePath == "/oauth2/token");
        await using var services = Services<IPeerOAuth2Post>(network, resilienceFirst, options => options.ConsumerSecret = PeerSecrets.Tricky);
        var client = services.GetRequiredService<IPeerOAuth2Post>();
        var redirect = await client.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var mark = await PeerReceived.MarkAsync(peer);

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callback, redirect.Pending));

        Assert.Equal(OAuthErrorType.RestartRequired, error.Type);
        var exchanges = (await mark.SinceMarkAsync()).Where(r => r.GrantType == "authorization_code").ToList();
        Assert.Single(exchanges);
        Assert.Equal("o2-post", exchanges[0].ClientId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_resource_call_whose_answer_is_lost_is_retried_with_the_current_token(bool resilienceFirst)
    {
        var network = new LostAnswers(request => request.RequestUri!.AbsolutePath == "/api/me");
        var store = new MemoryTokenStore();
        await using var services = Services<IPeerOAuth2Post>(network, resilienceFirst, options =>
        {
            options.ConsumerSecret = PeerSecrets.Tricky;
            options.TokenStore = store;
        });
        var client = services.GetRequiredService<IPeerOAuth2Post>();
        store.Token = await OAuth2Apps.AuthorizeAsync(peer, client, user: "bob");
        var mark = await PeerReceived.MarkAsync(peer);

        var me = await client.MeAsync();

        Assert.Equal("bob", me.Username);
        Assert.Equal(2, (await mark.SinceMarkAsync()).Count(r => r.Path == "/api/me"));
    }
}
