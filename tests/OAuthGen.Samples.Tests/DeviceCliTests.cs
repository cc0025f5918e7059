using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// samples/DeviceCli run as a process against the Authlib peer's device authorization grant (RFC 8628): it prints the
/// user code, the test plays the user at the verification page, and the sample signs in (or reports the denial).
/// The in-process TestProvider has no device endpoint; the peer is a real server nobody here wrote the grant of.
/// </summary>
public sealed class DeviceCliTests(AuthlibPeer peer) : IClassFixture<AuthlibPeer>
{
    private SampleProcess Start() => SampleProcess.Start("DeviceCli", new Dictionary<string, string>
    {
        ["DeviceCli__BaseUrl"] = peer.BaseUrl + "/",
        ["DeviceCli__DeviceAuthorizationUrl"] = peer.Url("/oauth2/device"),
        ["DeviceCli__AccessTokenUrl"] = peer.Url("/oauth2/token"),
        ["DEVICECLI_CONSUMER_KEY"] = "o2-device",
        ["DeviceCli__Scope"] = "profile",
        ["DeviceCli__ProfilePath"] = "api/me",
    });

    private async Task<string> UserCodeAsync(SampleProcess process)
    {
        const string marker = "enter the code: ";
        var line = await process.LineContainingAsync(marker);
        Assert.Contains($"open {peer.Url("/device")} and", line);
        return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
    }

    private async Task DecideAsync(string userCode, string decision)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(peer.Url("/device"), new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("user_code", userCode), new("decision", decision), new("user", "bob")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_sample_prints_the_code_waits_for_approval_and_calls_the_api_as_the_user()
    {
        await using var process = Start();
        var userCode = await UserCodeAsync(process);
        await process.LineContainingAsync("Waiting for approval");

        await DecideAsync(userCode, "approve");

        Assert.Equal(0, await process.ExitCodeAsync());
        Assert.Contains("Signed in; the token expires at", process.Output);
        Assert.Contains("GET api/me: 200", process.Output);
        Assert.Contains("\"username\": \"bob\"", process.Output);
        Assert.Contains("\"client_id\": \"o2-device\"", process.Output);
    }

    [Fact]
    public async Task A_denied_sign_in_ends_with_exit_code_1()
    {
        await using var process = Start();
        var userCode = await UserCodeAsync(process);

        await DecideAsync(userCode, "deny");

        Assert.Equal(1, await process.ExitCodeAsync());
        Assert.Contains("The sign-in was denied.", process.Output);
        Assert.DoesNotContain("Signed in", process.Output);
    }
}
