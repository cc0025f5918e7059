using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// The write-back rules of the two levels, on a second level whose outages the test decides (any
/// <see cref="IDistributedCache"/> works): a save that missed Redis is written back, but never over a token saved later.
/// </summary>
public sealed class SharedTokenCacheTests
{
    private static readonly TokenSlot Slot = new("app", null, "alice");
    private readonly MemoryDistributedCache _shared = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    [Fact]
    public async Task A_save_that_missed_the_second_level_is_served_from_memory_and_written_back()
    {
        var (serverA, linkA) = Server();
        linkA.Down = true;
        await serverA.SaveAsync(Slot, new OAuthToken("kept"), default);
        Assert.Equal(1, serverA.PendingCount);
        Assert.Equal("kept", (await serverA.ReadSharedAsync(Slot, default))?.AccessToken); // Redis down: memory serves

        linkA.Down = false;
        await serverA.FlushPendingAsync();

        Assert.Equal(0, serverA.PendingCount);
        var (serverB, _) = Server();
        Assert.Equal("kept", (await serverB.GetAsync(Slot, default))?.AccessToken);
    }

    [Fact]
    public async Task A_write_back_never_replaces_a_token_saved_later_by_another_server()
    {
        var (serverA, linkA) = Server();
        var (serverB, _) = Server();
        linkA.Down = true;
        await serverA.SaveAsync(Slot, new OAuthToken("older"), default);
        await Task.Delay(20);
        await serverB.SaveAsync(Slot, new OAuthToken("newer"), default); // B refreshed while A could not reach Redis

        linkA.Down = false;
        await serverA.FlushPendingAsync(includeFirstLevel: true);

        var (serverC, _) = Server();
        Assert.Equal("newer", (await serverC.GetAsync(Slot, default))?.AccessToken);
        Assert.Equal("newer", (await serverA.GetAsync(Slot, default))?.AccessToken); // and A's memory learned it
    }

    [Fact]
    public async Task Nothing_in_memory_and_redis_down_is_a_typed_failure()
    {
        var (server, link) = Server();
        link.Down = true;

        var error = await Assert.ThrowsAsync<OAuthException>(() => server.GetAsync(Slot, default).AsTask());

        Assert.Equal(OAuthErrorType.SharedStoreUnavailable, error.Type);
    }

    [Fact]
    public async Task An_entry_moved_to_another_users_key_does_not_decrypt()
    {
        var (server, _) = Server();
        await server.SaveAsync(Slot, new OAuthToken("alices"), default);
        var bob = Slot with { User = "bob" };
        _shared.Set("oauthgen:token:" + bob.Hash(), _shared.Get("oauthgen:token:" + Slot.Hash())!);

        var (other, _) = Server();
        Assert.Null(await other.GetAsync(bob, default));
        Assert.Equal("alices", (await other.GetAsync(Slot, default))?.AccessToken);
    }

    private (SharedTokenCache Cache, Link Link) Server()
    {
        var link = new Link(_shared);
        return (new SharedTokenCache(link, _keys, new RedisRemoteAppOptions { Configuration = "unused" }, NullLogger.Instance), link);
    }

    /// <summary>One server's path to the shared second level; <see cref="Down"/> cuts it as a lost Redis connection would.</summary>
    private sealed class Link(IDistributedCache inner) : IDistributedCache
    {
        public bool Down { get; set; }

        public byte[]? Get(string key) => Up().Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Up().GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Up().Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Up().SetAsync(key, value, options, token);

        public void Refresh(string key) => Up().Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Up().RefreshAsync(key, token);

        public void Remove(string key) => Up().Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => Up().RemoveAsync(key, token);

        private IDistributedCache Up() => Down ? throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "down") : inner;
    }
}
