using System;
using System.Net.Http;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>Creates generated clients pointed at the live peer.</summary>
internal static class PeerClients
{
    /// <summary>The base the client attributes are written against; the peer's real port replaces it at run time.</summary>
    public const string PlaceholderBase = "http://127.0.0.1/";

    /// <summary>
    /// <typeparamref name="TApp"/>'s own options (<c>TApp.CreateOptions()</c>, i.e. its attribute) with every URL moved
    /// from <see cref="PlaceholderBase"/> to the peer, then <paramref name="configure"/> (secrets, keys, test overrides).
    /// </summary>
    /// <param name="peer">The live peer.</param>
    /// <param name="configure">Adjusts the options after the move.</param>
    /// <param name="handler">The HTTP handler to send through (e.g. one that records requests); a fresh socket handler when omitted.</param>
    public static TApp Create<TApp>(AuthlibPeer peer, Action<RemoteAppOptions>? configure = null, HttpMessageHandler? handler = null)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        var options = TApp.CreateOptions();
        MoveToPeer(options, peer);
        configure?.Invoke(options);
        return TApp.Create(handler is null ? new HttpClient() : new HttpClient(handler), options, logger: null);
    }

    /// <summary>Moves every URL of <paramref name="options"/> from <see cref="PlaceholderBase"/> to the peer (for AddRemoteApp's configure).</summary>
    public static void MoveToPeer(RemoteAppOptions options, AuthlibPeer peer)
    {
        options.BaseUrl = Rebase(options.BaseUrl, peer);
        options.RequestTokenUrl = Rebase(options.RequestTokenUrl, peer);
        options.AccessTokenUrl = Rebase(options.AccessTokenUrl, peer);
        options.AuthorizeUrl = Rebase(options.AuthorizeUrl, peer);
        options.RevocationUrl = Rebase(options.RevocationUrl, peer);
        options.ServerMetadataUrl = Rebase(options.ServerMetadataUrl, peer);
        options.DeviceAuthorizationUrl = Rebase(options.DeviceAuthorizationUrl, peer);
        options.PushedAuthorizationRequestUrl = Rebase(options.PushedAuthorizationRequestUrl, peer);
    }

    private static string? Rebase(string? url, AuthlibPeer peer) =>
        url is not null && url.StartsWith(PlaceholderBase, StringComparison.Ordinal) ? peer.Url(url[PlaceholderBase.Length..]) : url;
}
