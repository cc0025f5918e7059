using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Access tokens obtained from the peer with plain HTTP (no OAuthGen code involved), for tests that exercise only
/// resource requests. Uses the fixed test clients of peer/README.md and the <c>auto=approve</c> consent hook.
/// </summary>
internal static class PeerGrants
{
    public const string Callback = "http://127.0.0.1:9/callback";
    public const string TrickySecret = "se cret:/&+=~ end";

    /// <summary>An access token for alice, issued to o2-post through the authorization code grant.</summary>
    public static async Task<string> UserAccessTokenAsync(AuthlibPeer peer, string scope = "profile")
    {
        var code = await ApprovedCodeAsync(peer, "/oauth2/authorize", "o2-post", scope);
        using var token = await PostFormAsync(peer.Url("/oauth2/token"), new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback,
            ["client_id"] = "o2-post", ["client_secret"] = TrickySecret,
        });
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An access token from the Weibo-style endpoint (JSON served as text/plain).</summary>
    public static async Task<string> WeiboAccessTokenAsync(AuthlibPeer peer)
    {
        var code = await ApprovedCodeAsync(peer, "/weibo/oauth2/authorize", "weibo-client", "email");
        using var token = await PostFormAsync(peer.Url("/weibo/oauth2/access_token"), new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Callback,
            ["client_id"] = "weibo-client", ["client_secret"] = "weibo-secret",
        });
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> ApprovedCodeAsync(AuthlibPeer peer, string authorizePath, string clientId, string scope)
    {
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = Callback, ["scope"] = scope, ["state"] = "s",
        }.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var callback = await peer.ConsentAsync(peer.Url(authorizePath) + "?" + query);
        var parameters = callback.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2));
        return Uri.UnescapeDataString(parameters.Single(p => p[0] == "code")[1]);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(url, new FormUrlEncodedContent(form));
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
