using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>What lies in Redis (encrypted, partitioned, nothing in clear) and the lock's checked release, on the real server.</summary>
[Collection(FarmCollection.Name)]
public sealed class RedisStorageTests(FarmFixture farm)
{
    [Fact]
    public async Task Tokens_are_encrypted_at_rest_and_partitioned_by_app_token_name_and_user()
    {
        farm.Reset();
        var alicesToken = new OAuthToken("access-alice-7f3a") { RefreshToken = "refresh-alice-91c2", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) };
        var bobsToken = new OAuthToken("access-bob-22d8") { RefreshToken = "refresh-bob-5e10" };
        await using (var alices = Farm.Server(farm, o => o.User = _ => "alice@example.com"))
        await using (var bobs = Farm.Server(farm, o => o.User = _ => "bob@example.com"))
        {
            using var aliceScope = alices.CreateScope();
            using var bobScope = bobs.CreateScope();
            await aliceScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, alicesToken, default);
            await aliceScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(new TokenRequest("farm-app", "calendar"), bobsToken, default);
            await bobScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken, bobsToken, default);
        }

        var atRest = farm.Redis.Dump();
        foreach (var clear in new[] { "access-alice", "refresh-alice", "access-bob", "refresh-bob", "alice@example.com", "bob@example.com", "calendar" })
        {
            Assert.DoesNotContain(clear, atRest);
        }
        Assert.Equal(3, CountOf(atRest, "oauthgen:token:"));

        await using var server = Farm.Server(farm, o => o.User = _ => "alice@example.com");
        using var scope = server.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ITokenStore>();
        var read = await store.GetAsync(Farm.DefaultToken, default);
        Assert.Equal((alicesToken.AccessToken, alicesToken.RefreshToken, alicesToken.ExpiresAt), (read?.AccessToken, read?.RefreshToken, read?.ExpiresAt));
        Assert.Equal(bobsToken.AccessToken, (await store.GetAsync(new TokenRequest("farm-app", "calendar"), default))?.AccessToken);
        Assert.Null(await store.GetAsync(new TokenRequest("another-app", null), default));
        await using var anonymous = Farm.Server(farm);
        using var anonymousScope = anonymous.CreateScope();
        Assert.Null(await anonymousScope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default));
    }

    [Fact]
    public async Task One_long_lived_store_asks_for_the_user_on_every_read_and_save()
    {
        farm.Reset();
        var current = new System.Threading.AsyncLocal<string?>();
        await using var server = Farm.Server(farm, o => o.User = _ => current.Value); // as IHttpContextAccessor does
        using var scope = server.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ITokenStore>(); // resolved once, as a handler's store is

        current.Value = "alice";
        await store.SaveAsync(Farm.DefaultToken, new OAuthToken("alices"), default);
        current.Value = "bob";
        Assert.Null(await store.GetAsync(Farm.DefaultToken, default));
        await store.SaveAsync(Farm.DefaultToken, new OAuthToken("bobs"), default);
        current.Value = "alice";

        Assert.Equal("alices", (await store.GetAsync(Farm.DefaultToken, default))?.AccessToken);
        current.Value = "bob";
        Assert.Equal("bobs", (await store.GetAsync(Farm.DefaultToken, default))?.AccessToken);
    }

    [Fact]
    public async Task A_lock_that_expired_and_was_taken_by_another_owner_is_not_released_by_the_first()
    {
        farm.Reset();
        await using var connection = new RedisConnection(new RedisRemoteAppOptions { Configuration = farm.Redis.Configuration });
        var redisLock = new RedisLock(connection);
        var first = await redisLock.TryAcquireAsync("oauthgen:lock:test", TimeSpan.Zero, TimeSpan.FromMilliseconds(200), default);
        Assert.NotNull(first);
        Assert.Null(await redisLock.TryAcquireAsync("oauthgen:lock:test", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), default));

        var second = await redisLock.TryAcquireAsync("oauthgen:lock:test", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), default);
        Assert.NotNull(second); // after the first one's expiry

        Assert.False(await first.ReleaseAsync()); // too late: not the first's any more
        Assert.Null(await redisLock.TryAcquireAsync("oauthgen:lock:test", TimeSpan.Zero, TimeSpan.FromSeconds(30), default));
        Assert.True(await second.ReleaseAsync());
        Assert.NotNull(await redisLock.TryAcquireAsync("oauthgen:lock:test", TimeSpan.Zero, TimeSpan.FromSeconds(30), default));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
