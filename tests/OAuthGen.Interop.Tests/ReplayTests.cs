using System.Linq;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>A replayed callback is refused by the client itself: the peer sees one code exchange, not two.</summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class ReplayTests(AuthlibPeer peer)
{
    [Fact]
    public async Task A_replayed_callback_is_pending_authorization_used_and_never_reaches_the_peer()
    {
        var app = OAuth2Apps.Post(peer);
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var mark = await PeerReceived.MarkAsync(peer);

        var first = await app.AuthorizedResponseAsync(callback, redirect.Pending);
        // A reload of the callback page, through a fresh client, with the pending authorization restored from its cookie.
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            OAuth2Apps.Post(peer).AuthorizedResponseAsync(callback, PendingAuthorization.FromJson(redirect.Pending.ToJson())));

        Assert.False(first.IsDenied, first.Error);
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        var received = await mark.SinceMarkAsync();
        Assert.Single(received, r => r.GrantType == "authorization_code");
    }
}
