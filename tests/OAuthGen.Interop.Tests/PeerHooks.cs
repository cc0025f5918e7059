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

    /// <summary>Plays the user at the verification page: approves or denies <paramref name="userCode"/> as <paramref name="user"/>.</summary>
    public static Task DeviceDecisionAsync(AuthlibPeer peer, string userCode, bool approve, string user = "alice") =>
        PostOkAsync(peer, "/device", [new("user_code", userCode), new("decision", approve ? "approve" : "deny"), new("user", user)]);

    /// <summary>Makes the device code of <paramref name="userCode"/> expired now.</summary>
    public static Task ExpireDeviceCodeAsync(AuthlibPeer peer, string userCode) =>
        PostOkAsync(peer, "/_test/device/expire", [new("user_code", userCode)]);

    /// <summary>Makes the peer answer the next pending poll with slow_down.</summary>
    public static Task SlowDownAsync(AuthlibPeer peer, string userCode) =>
        PostOkAsync(peer, "/_test/device/slow_down", [new("user_code", userCode), new("count", "1")]);

    /// <summary>The peer's view of the polls for <paramref name="userCode"/>: arrival times (s after issue), interval, slow_downs.</summary>
    public static async Task<(double[] Polls, double Interval, int SlowDowns)> DevicePollsAsync(AuthlibPeer peer, string userCode)
    {
        using var http = new HttpClient();
        var json = System.Text.Json.JsonDocument.Parse(
            await http.GetStringAsync(peer.Url("/_test/device/polls?user_code=" + System.Uri.EscapeDataString(userCode)))).RootElement;
        var polls = new List<double>();
        foreach (var poll in json.GetProperty("polls").EnumerateArray()) polls.Add(poll.GetDouble());
        return ([.. polls], json.GetProperty("interval").GetDouble(), json.GetProperty("slow_downs").GetInt32());
    }

    private static async Task PostOkAsync(AuthlibPeer peer, string path, KeyValuePair<string, string>[] form)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(peer.Url(path), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
