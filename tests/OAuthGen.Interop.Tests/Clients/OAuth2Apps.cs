using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>The generated OAuth 2.0 clients with the peer's test secrets, and the authorization dance as a user would do it.</summary>
internal static class OAuth2Apps
{
    public const string Callback = "http://127.0.0.1:9/oauth2/callback";

    public static IPeerOAuth2Post Post(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null, HttpMessageHandler? handler = null) =>
        PeerClients.Create<IPeerOAuth2Post>(peer, o => { o.ConsumerSecret = PeerSecrets.Tricky; configure?.Invoke(o); }, handler);

    /// <summary><c>o2-basic</c> at <c>/oauth2/token</c>, which decodes Basic credentials as RFC 6749 §2.3.1 says.</summary>
    public static IPeerOAuth2Basic Basic(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null) =>
        PeerClients.Create<IPeerOAuth2Basic>(peer, o =>
        {
            o.ConsumerSecret = PeerSecrets.Tricky;
            o.FormEncodeBasicCredentials = true;
            configure?.Invoke(o);
        });

    public static IPeerOAuth2Public Public(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null) =>
        PeerClients.Create<IPeerOAuth2Public>(peer, configure);

    public static IPeerOAuth2Discovered Discovered(AuthlibPeer peer, HttpMessageHandler? handler = null) =>
        PeerClients.Create<IPeerOAuth2Discovered>(peer, o => o.ConsumerSecret = PeerSecrets.Tricky, handler);

    public static IPeerGitHub GitHub(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null) =>
        PeerClients.Create<IPeerGitHub>(peer, o => { o.ConsumerSecret = "github-secret"; configure?.Invoke(o); });

    public static IPeerWeibo Weibo(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null) =>
        PeerClients.Create<IPeerWeibo>(peer, o => { o.ConsumerSecret = "weibo-secret"; configure?.Invoke(o); });

    /// <summary>Starts the flow, lets <paramref name="user"/> approve at the peer and completes it.</summary>
    public static async Task<OAuthToken> AuthorizeAsync(AuthlibPeer peer, IRemoteApp app, string user = "alice", string? scope = null)
    {
        var redirect = await app.AuthorizeAsync(Callback, parameters: scope is null ? null : [new("scope", scope)]);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: true, user);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);
        Assert.False(result.IsDenied, result.Error);
        return result.Token!;
    }
}
