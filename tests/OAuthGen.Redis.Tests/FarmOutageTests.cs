using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;
using Xunit.Abstractions;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Redis stopped and started again (empty: no persistence) while four servers (separate processes) keep calling the
/// live Authlib peer with rotation on: first with a valid token, then with one that falls due during the outage.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class FarmOutageTests(FarmFixture farm, ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Four_servers_calling_through_a_redis_restart_keep_valid_tokens_working_fail_refreshes_typed_and_converge_on_one_new_token()
    {
        farm.Reset();
        var signedIn = await SaveAsync(await SignInAsync(), TimeSpan.FromHours(1));
        var mark = await PeerReceived.MarkAsync(farm.Peer);
        using var run = await FarmWorkers.StartAsync(farm, "outage", count: 4, calls: 8);

        // Phase 1: the token is valid. Redis goes away for longer than the servers' first-level lifetime (1 s).
        await run.SendAsync("PHASE valid");
        await Task.Delay(1500);
        farm.Redis.Stop();
        await Task.Delay(3000);
        farm.Redis.Start(); // empty: the servers write back what they hold
        Assert.Equal(signedIn.AccessToken, (await EventuallyStoredAsync(t => t.AccessToken == signedIn.AccessToken))?.AccessToken);

        // Phase 2: the same grant, due for refresh (RefreshLeeway 60 s) about 4 s from now, and Redis goes away again first.
        await run.SendAsync("PHASE expiring");
        await SaveAsync(signedIn, TimeSpan.FromSeconds(64));
        await Task.Delay(2000); // every server reads the new expiry (first level 1 s)
        farm.Redis.Stop();
        await Task.Delay(5000);
        Assert.Equal(0, await Farm.GrantsAsync(mark, "refresh_token")); // nothing sent without the lock
        farm.Redis.Start();
        var refreshed = await EventuallyStoredAsync(t => t.AccessToken != signedIn.AccessToken);
        await Task.Delay(2500); // past the servers' first level
        await run.SendAsync("PHASE recovered");
        await Task.Delay(2000);
        await run.SendAsync("STOP");
        var results = await run.ResultsAsync();
        foreach (var result in results) output.WriteLine(result.ToString());

        Assert.NotNull(refreshed);
        Assert.NotEqual(signedIn.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(signedIn.RefreshToken, refreshed.RefreshToken);
        // One refresh for the whole farm once Redis was back; every server ends with its token.
        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        Assert.All(results, r => Assert.Equal([Farm.Hash(refreshed.AccessToken)], r.TokenHashes));
        Assert.All(results, r =>
        {
            var outcomes = r.Outcomes!;
            // A valid token in memory keeps working through the outage, with no failure of any kind.
            Assert.True(Count(outcomes, "valid/ok") > 0, r.ToString());
            // A token due during the outage fails only as documented: the refresh lock cannot be taken; nothing else.
            Assert.All(outcomes.Keys.Where(k => k.StartsWith("valid/", StringComparison.Ordinal) || k.StartsWith("recovered/", StringComparison.Ordinal)),
                k => Assert.EndsWith("/ok", k));
            Assert.All(outcomes.Keys.Where(k => k.StartsWith("expiring/", StringComparison.Ordinal)),
                k => Assert.Contains(k, new[] { "expiring/ok", "expiring/" + OAuthErrorType.RefreshLockUnavailable }));
            // And recovers by itself.
            Assert.True(Count(outcomes, "recovered/ok") > 0, r.ToString());
        });
        Assert.True(results.Sum(r => Count(r.Outcomes!, "expiring/" + OAuthErrorType.RefreshLockUnavailable)) > 0,
            "no refresh was attempted during the outage: " + string.Join("; ", results));
        // The stored token is the new one (never the older grant written back over it).
        Assert.Equal(refreshed.AccessToken, (await EventuallyStoredAsync(_ => true))?.AccessToken);
    }

    private static int Count(IReadOnlyDictionary<string, int> outcomes, string key) => outcomes.TryGetValue(key, out var count) ? count : 0;

    private async Task<OAuthToken> SignInAsync()
    {
        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        return await Farm.SignInAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
    }

    /// <summary>Saves <paramref name="token"/> to the farm, expiring <paramref name="expiresIn"/> from now.</summary>
    private async Task<OAuthToken> SaveAsync(OAuthToken token, TimeSpan expiresIn)
    {
        await using var server = Farm.Server(farm);
        using var scope = server.CreateScope();
        var saved = token with { ExpiresAt = DateTimeOffset.UtcNow + expiresIn };
        await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, saved, default);
        return saved;
    }

    /// <summary>The token a server started now reads from Redis once it matches <paramref name="wanted"/> (or the last read).</summary>
    private async Task<OAuthToken?> EventuallyStoredAsync(Func<OAuthToken, bool> wanted)
    {
        var waited = Stopwatch.StartNew();
        OAuthToken? stored = null;
        while (waited.Elapsed < Recovery)
        {
            await using var fresh = Farm.Server(farm, o => o.FirstLevelLifetime = TimeSpan.Zero);
            using var scope = fresh.CreateScope();
            try
            {
                stored = await scope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default);
                if (stored is not null && wanted(stored)) return stored;
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.SharedStoreUnavailable)
            {
                // Not connected yet.
            }
            await Task.Delay(200);
        }
        return stored;
    }
}
