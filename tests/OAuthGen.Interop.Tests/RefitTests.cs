using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests.Clients;
using Refit;

namespace OAuthGen.Interop.Tests;

/// <summary>The peer's resources as a Refit 16 user writes them.</summary>
public interface IRefitPeer
{
    [Refit.Get("/oauth1/api/me")]
    Task<OAuth1User> OAuth1MeAsync();

    [Refit.Post("/oauth1/api/statuses/update.json")]
    Task<Tweet> OAuth1UpdateAsync([Refit.Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form);

    [Refit.Get("/api/me")]
    Task<PeerUser> OAuth2MeAsync();
}

/// <summary>
/// <c>AddRemoteAppAuthentication&lt;T&gt;()</c> on the HttpClient of a Refit interface, against the live peer: the remote
/// app's signing, token store and refresh, behind Refit's own request building.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class RefitTests(AuthlibPeer peer)
{
    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(PeerJson.Default.Options));

    private Task<(ServiceProvider Services, IRefitPeer Refit)> RefitClientAsync<TApp>(ITokenStore store, Action<RemoteAppOptions> configure)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddRemoteApp<TApp>(options => { PeerClients.MoveToPeer(options, peer); configure(options); });
        services.AddHttpClient("refit-peer", http => http.BaseAddress = new Uri(peer.BaseUrl)).AddRemoteAppAuthentication<TApp>();
        var provider = services.BuildServiceProvider();
        return Task.FromResult((provider, RestService.For<IRefitPeer>(provider.GetRequiredService<IHttpClientFactory>().CreateClient("refit-peer"), Settings)));
    }

    [Fact]
    public async Task A_Refit_interface_makes_OAuth1_signed_calls_with_a_remote_apps_credentials()
    {
        var signIn = PeerClients.Create<IPeerOAuth1Hmac>(peer, o => o.ConsumerSecret = PeerSecrets.Tricky);
        var redirect = await signIn.AuthorizeAsync("http://127.0.0.1:9/oauth1/callback");
        var token = (await signIn.AuthorizedResponseAsync(await peer.ConsentAsync(redirect.Url.AbsoluteUri, user: "bob"), redirect.Pending)).Token!;
        var (services, refit) = await RefitClientAsync<IPeerOAuth1Hmac>(new MemoryTokenStore { Token = token }, o => o.ConsumerSecret = PeerSecrets.Tricky);
        await using var _ = services;

        var me = await refit.OAuth1MeAsync();
        var tweet = await refit.OAuth1UpdateAsync(new() { ["status"] = "from Refit, signed by OAuthGen" });

        Assert.Equal("bob", me.ScreenName);
        Assert.Equal("from Refit, signed by OAuthGen", tweet.Text);
    }

    [Fact]
    public async Task A_Refit_interface_gets_an_expired_OAuth2_token_refreshed_and_saved()
    {
        var store = new MemoryTokenStore();
        var (services, refit) = await RefitClientAsync<IPeerOAuth2Post>(store, o => o.ConsumerSecret = PeerSecrets.Tricky);
        await using var _ = services;
        var token = await OAuth2Apps.AuthorizeAsync(peer, services.GetRequiredService<IPeerOAuth2Post>(), user: "bob");
        await PeerHooks.ExpireAsync(peer, token);
        store.Token = token with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

        var me = await refit.OAuth2MeAsync();

        Assert.Equal("bob", me.Username);
        var saved = Assert.Single(store.Saved);
        Assert.NotEqual(token.RefreshToken, saved.RefreshToken);
    }

    [Fact]
    public async Task A_Refit_call_rejected_with_invalid_token_is_refreshed_once_and_sent_again()
    {
        var store = new MemoryTokenStore();
        var (services, refit) = await RefitClientAsync<IPeerOAuth2Post>(store, o => o.ConsumerSecret = PeerSecrets.Tricky);
        await using var _ = services;
        var token = await OAuth2Apps.AuthorizeAsync(peer, services.GetRequiredService<IPeerOAuth2Post>());
        // The peer expired it; the store still believes it good for an hour: only the 401 can tell.
        await PeerHooks.ExpireAsync(peer, token);
        store.Token = token with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) };
        var mark = await PeerReceived.MarkAsync(peer);

        var me = await refit.OAuth2MeAsync();

        Assert.Equal("alice", me.Username);
        Assert.Single(store.Saved);
        var received = await mark.SinceMarkAsync();
        Assert.Equal(2, received.Count(r => r.Path == "/api/me"));
        Assert.Single(received, r => r.GrantType == "refresh_token");
    }
}
