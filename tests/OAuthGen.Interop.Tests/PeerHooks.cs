using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>The peer's test hooks (peer/README.md).</summary>
internal static class PeerHooks
{
    /// <summary>Makes <paramref name="token"/> expired at the peer, so only a refresh can help.</summary>
    public static async Task ExpireAsync(AuthlibPeer peer, OAuthToken token)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(peer.Url("/_test/expire"),
            new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token.AccessToken)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
