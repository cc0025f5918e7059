using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Generated clients behind Microsoft.Extensions.Http.Resilience's standard hedging handler against the Authlib peer: a
/// copy of a single-use request is never sent (the first attempt, still on its way, decides), while a hedged resource
/// call is signed anew.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class HedgingTests(AuthlibPeer peer)
{
    private static readonly TimeSpan SlowFirst = TimeSpan.FromMilliseconds(800);

    private ServiceProvider Services<TApp>(SlowFirstAnswer network, Action<RemoteAppOptions> configure)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        var services = new ServiceCollection();
        services.AddRemoteApp<TApp>(options => { PeerClients.MoveToPeer(options, peer); configure(options); })
            .AddStandardHedgingHandler().Configure(options => options.Hedging.Delay = TimeSpan.FromMilliseconds(100));
        services.AddHttpClient(typeof(TApp).FullName!).AddHttpMessageHandler(() => network);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_slow_code_exchange_is_not_hedged_and_completes()
    {
        var network = new SlowFirstAnswer(request => request.RequestUri!.AbsolutePath == "/oauth2/token", SlowFirst);
        await using var services = Services<IPeerOAuth2Post>(network, options => options.ConsumerSecret = PeerSecrets.Tricky);
        var client = services.GetRequiredService<IPeerOAuth2Post>();
        var redirect = await client.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, user: "bob");
        var mark = await PeerReceived.MarkAsync(peer);

        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.Equal("bob", (await client.MeAsync(result.Token!)).Username);
        Assert.Equal(2, network.Passed); // the hedging handler did send a copy...
        Assert.Single(await mark.SinceMarkAsync(), r => r.GrantType == "authorization_code"); // ...which never left
    }

    [Fact]
    public async Task A_slow_OAuth1_call_is_hedged_with_a_fresh_signature()
    {
        var network = new SlowFirstAnswer(request => request.RequestUri!.AbsolutePath == "/oauth1/api/me", SlowFirst);
        var signIn = PeerClients.Create<IPeerOAuth1Hmac>(peer, o => o.ConsumerSecret = PeerSecrets.Tricky);
        var redirect = await signIn.AuthorizeAsync("http://127.0.0.1:9/oauth1/callback");
        var token = (await signIn.AuthorizedResponseAsync(await peer.ConsentAsync(redirect.Url.AbsoluteUri), redirect.Pending)).Token!;
        await using var services = Services<IPeerOAuth1Hmac>(network, options => options.ConsumerSecret = PeerSecrets.Tricky);
        var client = services.GetRequiredService<IPeerOAuth1Hmac>();
        var mark = await PeerReceived.MarkAsync(peer);

        var me = await client.MeAsync(token);

        Assert.Equal("alice", me.ScreenName);
        Assert.Equal(2, network.Passed);
        // The hedge answered first; the slow first attempt reaches the peer later, with its own nonce.
        await Task.Delay(SlowFirst * 2);
        var attempts = (await mark.SinceMarkAsync()).Where(r => r.Path == "/oauth1/api/me").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(2, attempts.Select(r => r.Nonce).Distinct().Count());
    }
}
