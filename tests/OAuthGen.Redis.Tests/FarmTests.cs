using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Four servers (separate processes) against the live Authlib peer with refresh-token rotation, sharing one Redis: what
/// issue 16 asks of a web farm, counted at the peer.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class FarmTests(FarmFixture farm)
{
    [Fact]
    public async Task Four_servers_with_250_concurrent_calls_each_on_one_expired_token_refresh_it_once()
    {
        farm.Reset();
        OAuthToken signedIn;
        await using (var server = Farm.Server(farm))
        {
            using var scope = server.CreateScope();
            signedIn = await Farm.SignInAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
            await PeerHooks.ExpireAsync(farm.Peer, signedIn);
            await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
                signedIn with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        }
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        var results = await FarmWorkers.RunAsync(farm, "refresh", count: 4, calls: 250);

        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        Assert.All(results, r => Assert.Equal((250, 0, ""), (r.Succeeded, r.Failed, string.Join(",", r.Errors))));
        var newToken = Assert.Single(results.SelectMany(r => r.TokenHashes).Distinct());
        Assert.NotEqual(Farm.Hash(signedIn.AccessToken), newToken);
        // A server started afterwards reads the same rotated token from Redis.
        await using var later = Farm.Server(farm);
        using var laterScope = later.CreateScope();
        var stored = await laterScope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default);
        Assert.Equal(newToken, Farm.Hash(stored!.AccessToken));
        Assert.NotEqual(signedIn.RefreshToken, stored.RefreshToken);
    }

    [Fact]
    public async Task Four_servers_asking_for_client_credentials_make_one_token_request()
    {
        farm.Reset();
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        var results = await FarmWorkers.RunAsync(farm, "client-credentials", count: 4, calls: 50);

        Assert.Equal(1, await Farm.GrantsAsync(mark, "client_credentials"));
        Assert.All(results, r => Assert.Equal((50, 0), (r.Succeeded, r.Failed)));
        Assert.Single(results.SelectMany(r => r.TokenHashes).Distinct());
    }

    [Fact]
    public async Task A_pending_authorization_completes_on_one_server_only()
    {
        farm.Reset();
        (Uri Callback, PendingAuthorization Pending) flow;
        await using (var server = Farm.Server(farm))
        {
            using var scope = server.CreateScope();
            flow = await Farm.ConsentAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
        }
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        // The same callback (a replayed request, a stolen pending-flow cookie) reaches two servers at once.
        var results = await FarmWorkers.RunAsync(farm, "complete", count: 2, calls: 1, flow.Pending.ToJson(), flow.Callback.AbsoluteUri);

        Assert.Equal(1, results.Sum(r => r.Succeeded));
        var refused = Assert.Single(results, r => r.Failed == 1);
        Assert.Equal(["pending_authorization_used"], refused.Errors);
        Assert.Equal(1, await Farm.GrantsAsync(mark, "authorization_code"));

        // And later, on a third server.
        await using var third = Farm.Server(farm);
        using var thirdScope = third.CreateScope();
        var replayed = await Assert.ThrowsAsync<OAuthException>(() =>
            thirdScope.ServiceProvider.GetRequiredService<IFarmApp>().AuthorizedResponseAsync(flow.Callback, flow.Pending));
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replayed.Type);
        Assert.Equal(1, await Farm.GrantsAsync(mark, "authorization_code"));
    }
}
