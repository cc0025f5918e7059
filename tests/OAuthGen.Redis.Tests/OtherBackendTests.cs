using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Tokens on another <see cref="IDistributedCache"/> (<see cref="RedisRemoteAppOptions.TokenCache"/>): one
/// <see cref="MemoryDistributedCache"/> shared by two containers plays the application's SQL Server or Cosmos DB cache,
/// while the locks stay on Redis.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class OtherBackendTests(FarmFixture farm)
{
    private readonly MemoryDistributedCache _shared = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task Tokens_on_another_cache_are_encrypted_and_partitioned_and_none_is_in_redis()
    {
        farm.Reset();
        var alicesToken = new OAuthToken("access-alice-7f3a") { RefreshToken = "refresh-alice-91c2" };
        var bobsToken = new OAuthToken("access-bob-22d8") { RefreshToken = "refresh-bob-5e10" };
        await using (var alices = Server("alice@example.com"))
        await using (var bobs = Server("bob@example.com"))
        {
            using var aliceScope = alices.CreateScope();
            using var bobScope = bobs.CreateScope();
            await aliceScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, alicesToken, default);
            await bobScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, bobsToken, default);
        }

        foreach (var user in new[] { "alice@example.com", "bob@example.com" })
        {
            var atRest = Encoding.Latin1.GetString(_shared.Get("oauthgen:token:" + new TokenSlot("farm-app", null, user).Hash())!);
            foreach (var clear in new[] { "access-", "refresh-", "alice", "bob" }) Assert.DoesNotContain(clear, atRest);
        }
        Assert.DoesNotContain("oauthgen:token:", farm.Redis.Dump());

        await using var server = Server("alice@example.com");
        using var scope = server.CreateScope();
        Assert.Equal(alicesToken.RefreshToken, (await scope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default))?.RefreshToken);
        await using var bobServer = Server("bob@example.com");
        using var bobsScope = bobServer.CreateScope();
        Assert.Equal(bobsToken.AccessToken, (await bobsScope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default))?.AccessToken);
        await using var anonymous = Server(null);
        using var anonymousScope = anonymous.CreateScope();
        Assert.Null(await anonymousScope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default));
    }

    [Fact]
    public async Task Two_servers_with_concurrent_calls_on_one_expired_token_on_another_cache_refresh_it_once()
    {
        farm.Reset();
        OAuthToken signedIn;
        await using (var first = Server(null))
        {
            using var scope = first.CreateScope();
            signedIn = await Farm.SignInAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
            await PeerHooks.ExpireAsync(farm.Peer, signedIn);
            await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
                signedIn with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        }
        var mark = await PeerReceived.MarkAsync(farm.Peer);
        await using var serverA = Server(null);
        await using var serverB = Server(null);
        using var scopeA = serverA.CreateScope();
        using var scopeB = serverB.CreateScope();
        var apps = new[] { scopeA.ServiceProvider.GetRequiredService<IFarmApp>(), scopeB.ServiceProvider.GetRequiredService<IFarmApp>() };

        var users = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => apps[i % 2].MeAsync())));

        Assert.All(users, user => Assert.Equal("alice", user.Username));
        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        await using var later = Server(null);
        using var laterScope = later.CreateScope();
        var stored = await laterScope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default);
        Assert.NotEqual(signedIn.RefreshToken, stored?.RefreshToken);
        Assert.DoesNotContain("oauthgen:token:", farm.Redis.Dump());
    }

    [Fact]
    public async Task Four_processes_with_tokens_on_another_cache_refresh_one_expired_token_once()
    {
        farm.Reset();
        OAuthToken signedIn;
        // The workers keep tokens in Microsoft's RedisCache under their own prefix: another IDistributedCache, on the
        // same server only because it is the one the test has; their writes go through the version check under the lock.
        await using (var first = Farm.Server(farm, o => o.TokenCache = _ => FarmContainer.OtherCache(farm.Redis.Configuration)))
        {
            using var scope = first.CreateScope();
            signedIn = await Farm.SignInAsync(farm, scope.ServiceProvider.GetRequiredService<IFarmApp>());
            await PeerHooks.ExpireAsync(farm.Peer, signedIn);
            await scope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
                signedIn with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        }
        var mark = await PeerReceived.MarkAsync(farm.Peer);

        var results = await FarmWorkers.RunAsync(farm, "refresh-on-cache", count: 4, calls: 100);

        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        Assert.All(results, r => Assert.Equal((100, 0, ""), (r.Succeeded, r.Failed, string.Join(",", r.Errors))));
        var newToken = Assert.Single(results.SelectMany(r => r.TokenHashes).Distinct());
        Assert.NotEqual(Farm.Hash(signedIn.AccessToken), newToken);
        var atRest = farm.Redis.Dump();
        Assert.Contains(FarmContainer.OtherCachePrefix + "oauthgen:token:", atRest);
        Assert.DoesNotContain(signedIn.AccessToken, atRest);
        Assert.DoesNotContain(signedIn.RefreshToken!, atRest);
    }

    /// <summary>A server whose tokens live in the shared cache, as <paramref name="user"/>.</summary>
    private Microsoft.Extensions.DependencyInjection.ServiceProvider Server(string? user) => Farm.Server(farm, o =>
    {
        o.TokenCache = _ => _shared;
        if (user is not null) o.User = _ => user;
    });
}
