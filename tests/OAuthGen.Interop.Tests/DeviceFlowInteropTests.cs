using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// The device authorization grant (RFC 8628) against Authlib's DeviceAuthorizationEndpoint and DeviceCodeGrant: the peer
/// interval is 1 s, and the peer answers slow_down to any pending poll that comes sooner than its current interval, so a
/// client that does not wait is caught there.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class DeviceFlowInteropTests(AuthlibPeer peer)
{
    private IPeerDevice Device(HttpMessageHandler? handler = null) => PeerClients.Create<IPeerDevice>(peer, handler: handler);

    private async Task WaitForPollsAsync(string userCode, int count)
    {
        var watch = Stopwatch.StartNew();
        while ((await PeerHooks.DevicePollsAsync(peer, userCode)).Polls.Length < count)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"The client did not poll {count} times.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Start_shows_the_user_code_and_an_approved_code_yields_the_users_token()
    {
        var handler = new FormCapturingHandler();
        var app = Device(handler);
        var authorization = await app.StartDeviceAuthorizationAsync();

        Assert.Equal(new Uri(peer.Url("/device")), authorization.VerificationUri);
        Assert.Contains("user_code=" + authorization.UserCode, authorization.VerificationUriComplete!.Query);
        Assert.Equal(TimeSpan.FromSeconds(1), authorization.Interval);
        Assert.InRange(authorization.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(600));

        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: true, user: "bob");
        var token = await app.PollDeviceTokenAsync(authorization);

        var poll = FormData.Parse(handler.Forms[^1]);
        Assert.Equal("urn:ietf:params:oauth:grant-type:device_code", poll["grant_type"]);
        Assert.DoesNotContain(poll["device_code"]!, authorization.ToString());

        Assert.Equal("bob", (await app.MeAsync(token)).Username);
        Assert.Equal("profile", token.Scope);
        var (polls, _, slowDowns) = await PeerHooks.DevicePollsAsync(peer, authorization.UserCode);
        Assert.Single(polls);
        Assert.Equal(0, slowDowns);
    }

    [Fact]
    public async Task Pending_polls_wait_the_interval_until_the_user_approves()
    {
        var app = Device();
        var authorization = await app.StartDeviceAuthorizationAsync();
        var poll = app.PollDeviceTokenAsync(authorization);

        await WaitForPollsAsync(authorization.UserCode, 2);
        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: true);
        var token = await poll;

        Assert.Equal("alice", (await app.MeAsync(token)).Username);
        var (polls, interval, slowDowns) = await PeerHooks.DevicePollsAsync(peer, authorization.UserCode);
        Assert.InRange(polls.Length, 3, 4);
        Assert.Equal(0, slowDowns); // no poll came too soon
        Assert.Equal(1, interval);
        // Measured where the peer handles each poll, so allow for its own jitter (peer/device_provider.py TOLERANCE).
        Assert.All(polls.Zip(polls.Skip(1)), gap => Assert.True(gap.Second - gap.First >= 0.5, $"polls {gap.First} and {gap.Second}"));
    }

    [Fact]
    public async Task Slow_down_makes_the_client_wait_five_seconds_longer()
    {
        var app = Device();
        var authorization = await app.StartDeviceAuthorizationAsync();
        await PeerHooks.SlowDownAsync(peer, authorization.UserCode);
        var poll = app.PollDeviceTokenAsync(authorization);

        await WaitForPollsAsync(authorization.UserCode, 1);
        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: true);
        var token = await poll;

        Assert.Equal("alice", (await app.MeAsync(token)).Username);
        var (polls, interval, slowDowns) = await PeerHooks.DevicePollsAsync(peer, authorization.UserCode);
        Assert.Equal(2, polls.Length);
        Assert.Equal(6, interval);
        Assert.Equal(1, slowDowns); // only the one asked for: the second poll did not come too soon
        Assert.True(polls[1] - polls[0] >= 5.5, $"polls {polls[0]} and {polls[1]}");
    }

    [Fact]
    public async Task A_denied_code_is_device_authorization_denied()
    {
        var app = Device();
        var authorization = await app.StartDeviceAuthorizationAsync();
        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: false);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.PollDeviceTokenAsync(authorization));

        Assert.Equal(OAuthErrorType.DeviceAuthorizationDenied, error.Type);
        Assert.Equal("access_denied", error.Error);
    }

    [Fact]
    public async Task An_expired_code_is_device_code_expired()
    {
        var app = Device();
        var authorization = await app.StartDeviceAuthorizationAsync();
        await PeerHooks.ExpireDeviceCodeAsync(peer, authorization.UserCode);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.PollDeviceTokenAsync(authorization));

        Assert.Equal(OAuthErrorType.DeviceCodeExpired, error.Type);
        Assert.Equal("expired_token", error.Error);
    }

    [Fact]
    public async Task Cancelling_stops_polling()
    {
        var app = Device();
        var authorization = await app.StartDeviceAuthorizationAsync();
        using var cancellation = new CancellationTokenSource();
        var poll = app.PollDeviceTokenAsync(authorization, cancellation.Token);
        await WaitForPollsAsync(authorization.UserCode, 1);
        cancellation.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);

        Assert.Equal(cancellation.Token, error.CancellationToken);
        await Task.Delay(1500);
        Assert.Single((await PeerHooks.DevicePollsAsync(peer, authorization.UserCode)).Polls);
    }

    [Fact]
    public async Task The_device_endpoint_is_discovered_from_the_peers_metadata()
    {
        var app = PeerClients.Create<IPeerDeviceDiscovered>(peer);
        var authorization = await app.StartDeviceAuthorizationAsync("profile");
        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: true);
        Assert.Equal("alice", (await app.MeAsync(await app.PollDeviceTokenAsync(authorization))).Username);
    }
}
