using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Redis down at startup, lost mid-run (and back empty: no persistence), and slow, against the live peer: calls with a
/// token in memory keep working, a refresh that cannot take the lock fails typed and sends nothing, no token is lost, and
/// the service recovers by itself.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class RedisFaultTests(FarmFixture farm)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Redis_down_at_startup_fails_typed_serves_what_was_saved_and_writes_it_back_when_redis_starts()
    {
        farm.Reset();
        var token = await SignInAsync();
        farm.Redis.Stop();

        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();
        var store = scope.ServiceProvider.GetRequiredService<ITokenStore>();
        var unavailable = await Assert.ThrowsAsync<OAuthException>(() => app.MeAsync());
        Assert.Equal(OAuthErrorType.SharedStoreUnavailable, unavailable.Type);

        await store.SaveAsync(Farm.DefaultToken, token, default); // the sign-in completes while Redis is down
        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.MeAsync()));
        Assert.All(users, user => Assert.Equal("alice", user.Username));

        farm.Redis.Start();
        Assert.Equal(token.AccessToken, (await EventuallyStoredAsync(token.AccessToken))?.AccessToken);
    }

    [Fact]
    public async Task Redis_lost_mid_run_keeps_calls_with_a_token_in_memory_working_refuses_refreshes_and_recovers_when_back_empty()
    {
        farm.Reset();
        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();
        var token = await Farm.SignInAsync(farm, app);
        await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, token, default);
        Assert.Equal("alice", (await app.MeAsync()).Username);
        // bob's server holds an expired token in memory when Redis goes away.
        await using var bobServer = Farm.Server(farm, o => o.User = _ => "bob");
        using var bobScope = bobServer.CreateScope();
        var bobApp = bobScope.ServiceProvider.GetRequiredService<IFarmApp>();
        var bobToken = await Farm.SignInAsync(farm, bobApp, "bob");
        await PeerHooks.ExpireAsync(farm.Peer, bobToken);

        farm.Redis.Stop();
        await bobScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
            bobToken with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.MeAsync()));
        var refused = await Assert.ThrowsAsync<OAuthException>(() => bobApp.MeAsync());

        Assert.All(users, user => Assert.Equal("alice", user.Username));
        Assert.Equal(OAuthErrorType.RefreshLockUnavailable, refused.Type);
        Assert.Equal(0, await Farm.GrantsAsync(mark, "refresh_token")); // nothing was sent

        farm.Redis.Start(); // empty: every token is written back from the servers' memory
        Assert.Equal(token.AccessToken, (await EventuallyStoredAsync(token.AccessToken))?.AccessToken);
        var bob = await EventuallyAsync(async () => (await bobApp.MeAsync()).Username);
        Assert.Equal("bob", bob);
        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        Assert.Equal("alice", (await app.MeAsync()).Username);
    }

    [Fact]
    public async Task A_slow_redis_does_not_slow_calls_with_a_token_in_memory_and_a_refresh_fails_typed_within_the_timeout()
    {
        farm.Reset();
        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();
        var token = await Farm.SignInAsync(farm, app);
        await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, token, default);
        Assert.Equal("alice", (await app.MeAsync()).Username);
        await using var bobServer = Farm.Server(farm, o => o.User = _ => "bob");
        using var bobScope = bobServer.CreateScope();
        var bobApp = bobScope.ServiceProvider.GetRequiredService<IFarmApp>();
        var bobToken = await Farm.SignInAsync(farm, bobApp, "bob");
        await PeerHooks.ExpireAsync(farm.Peer, bobToken);
        await bobScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
            bobToken with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        var sleeping = farm.Redis.SleepAsync(TimeSpan.FromSeconds(4));
        await Task.Delay(300);
        var timer = Stopwatch.StartNew();
        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.MeAsync()));
        var served = timer.Elapsed;
        timer.Restart();
        var refused = await Assert.ThrowsAsync<OAuthException>(() => bobApp.MeAsync());
        var refusedAfter = timer.Elapsed;
        await sleeping;

        Assert.All(users, user => Assert.Equal("alice", user.Username));
        Assert.True(served < TimeSpan.FromSeconds(2), $"50 calls took {served} while Redis was asleep");
        Assert.Equal(OAuthErrorType.RefreshLockUnavailable, refused.Type);
        Assert.True(refusedAfter < TimeSpan.FromSeconds(3.5), $"the refresh failed after {refusedAfter}, not within the 1 s Redis timeout");
        Assert.Equal("bob", await EventuallyAsync(async () => (await bobApp.MeAsync()).Username));
        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
    }

    private async Task<OAuthToken> SignInAsync()
    {
        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        return await Farm.SignInAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
    }

    /// <summary>What a server started now reads from Redis, once it holds <paramref name="accessToken"/> (or the last read).</summary>
    private async Task<OAuthToken?> EventuallyStoredAsync(string accessToken)
    {
        var waited = Stopwatch.StartNew();
        OAuthToken? stored = null;
        while (waited.Elapsed < Recovery)
        {
            await using var fresh = Farm.Server(farm);
            using var scope = fresh.CreateScope();
            try
            {
                stored = await scope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default);
                if (stored?.AccessToken == accessToken) return stored;
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.SharedStoreUnavailable)
            {
                // Not connected yet.
            }
            await Task.Delay(250);
        }
        return stored;
    }

    /// <summary><paramref name="call"/>'s result once it stops failing with the outage's typed errors.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (OAuthException e) when (e.Type is OAuthErrorType.RefreshLockUnavailable or OAuthErrorType.SharedStoreUnavailable
                && waited.Elapsed < Recovery)
            {
                await Task.Delay(250);
            }
        }
    }
}
