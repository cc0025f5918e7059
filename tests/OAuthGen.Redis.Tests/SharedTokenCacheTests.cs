using System;
using System.Linq;
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
/// The write-back rules of the two levels on both second levels (Redis, with its compare-and-set script; another
/// <see cref="IDistributedCache"/>, compared under the farm-wide write lock), with outages the test decides: a save that
/// missed the second level is written back, but never over a token of a higher version, whatever the clocks say.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class SharedTokenCacheTests(FarmFixture farm) : IAsyncLifetime
{
    private static readonly TokenSlot Slot = new("app", null, "alice");
    private readonly MemoryDistributedCache _otherCache = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();
    private RedisConnection _connection = null!;

    public Task InitializeAsync()
    {
        farm.Reset();
        _connection = new RedisConnection(Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    // Outages here are the test's own (Link.Down): Redis itself gets the client's usual timeouts, so that a first connect
    // slowed by a loaded machine is not taken for one.
    private RedisRemoteAppOptions Settings => new() { Configuration = farm.Redis.WorkerConfiguration };

    [Theory]
    [InlineData("redis")]
    [InlineData("cache")]
    public async Task A_save_that_missed_the_second_level_is_served_from_memory_and_written_back(string backend)
    {
        var (serverA, linkA) = Server(backend);
        linkA.Down = true;
        await serverA.SaveAsync(Slot, new OAuthToken("kept"), default);
        Assert.Equal(1, serverA.PendingCount);
        Assert.Equal("kept", (await serverA.ReadSharedAsync(Slot, default))?.AccessToken); // second level down: memory serves

        linkA.Down = false;
        await serverA.FlushPendingAsync();

        Assert.Equal(0, serverA.PendingCount);
        var (serverB, _) = Server(backend);
        Assert.Equal("kept", (await serverB.GetAsync(Slot, default))?.AccessToken);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("cache")]
    public async Task A_write_back_derived_from_an_older_version_never_replaces_a_newer_token_even_when_saved_later_by_the_clock(string backend)
    {
        var (serverA, linkA) = Server(backend);
        var (serverB, _) = Server(backend);
        await serverB.SaveAsync(Slot, new OAuthToken("first"), default);
        Assert.Equal("first", (await serverA.ReadSharedAsync(Slot, default))?.AccessToken); // A knows version 1
        linkA.Down = true;
        await serverB.SaveAsync(Slot, new OAuthToken("second"), default);
        await serverB.SaveAsync(Slot, new OAuthToken("third"), default);
        await Task.Delay(20);
        // Saved after B's by every clock, but derived from version 1: B's version 3 is newer.
        await serverA.SaveAsync(Slot, new OAuthToken("from-version-1"), default);

        linkA.Down = false;
        await serverA.FlushPendingAsync(includeFirstLevel: true);

        var (serverC, _) = Server(backend);
        Assert.Equal("third", (await serverC.GetAsync(Slot, default))?.AccessToken);
        Assert.Equal("third", (await serverA.GetAsync(Slot, default))?.AccessToken); // and A's memory learned it
        Assert.Equal(0, serverA.PendingCount);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("cache")]
    public async Task A_write_back_racing_a_save_of_a_newer_token_never_wins(string backend)
    {
        for (var round = 0; round < 30; round++)
        {
            var slot = Slot with { TokenName = "round-" + round };
            var (serverA, linkA) = Server(backend);
            var (serverB, _) = Server(backend);
            await serverB.SaveAsync(slot, new OAuthToken("base"), default);
            Assert.NotNull(await serverA.ReadSharedAsync(slot, default));
            linkA.Down = true;
            await serverA.SaveAsync(slot, new OAuthToken("written-back"), default); // version 2, pending
            linkA.Down = false;

            // B, which knows version 1 too, saves a newly issued token while A writes back: both are version 2 candidates.
            await Task.WhenAll(Task.Run(() => serverA.FlushPendingAsync()), Task.Run(async () => await serverB.SaveAsync(slot, new OAuthToken("issued"), default)));

            var (serverC, _) = Server(backend);
            Assert.Equal("issued", (await serverC.GetAsync(slot, default))?.AccessToken);
        }
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("cache")]
    public async Task A_second_level_that_lost_a_token_gets_it_back_from_memory(string backend)
    {
        var (serverA, _) = Server(backend);
        await serverA.SaveAsync(Slot, new OAuthToken("kept"), default);
        await serverA.SaveAsync(Slot, new OAuthToken("kept-2"), default);
        // Redis restarted empty (or the cache evicted it); a server that has it in memory writes it back at its next read.
        Assert.True(farm.Redis.Answers("FLUSHALL", "+OK"));
        _otherCache.Remove("oauthgen:token:" + Slot.Hash());

        Assert.Equal("kept-2", (await serverA.ReadSharedAsync(Slot, default))?.AccessToken);
        for (var tries = 0; serverA.PendingCount > 0 && tries < 100; tries++)
        {
            await serverA.FlushPendingAsync(); // returns at once while the write-back the read started is under way
            await Task.Delay(20);
        }
        Assert.Equal(0, serverA.PendingCount);

        var (serverB, _) = Server(backend);
        Assert.Equal("kept-2", (await serverB.GetAsync(Slot, default))?.AccessToken);
    }

    [Fact]
    public async Task Nothing_in_memory_and_the_second_level_down_is_a_typed_failure()
    {
        var (server, link) = Server("redis");
        link.Down = true;

        var error = await Assert.ThrowsAsync<OAuthException>(() => server.GetAsync(Slot, default).AsTask());

        Assert.Equal(OAuthErrorType.SharedStoreUnavailable, error.Type);
    }

    [Fact]
    public async Task An_entry_moved_to_another_users_key_does_not_decrypt()
    {
        var entries = new RedisTokenEntries(_connection, Settings);
        var (server, _) = Server("redis");
        await server.SaveAsync(Slot, new OAuthToken("alices"), default);
        var bob = Slot with { User = "bob" };
        var alices = await entries.ReadAsync(Slot.Hash(), default);
        Assert.True(await entries.WriteBackAsync(bob.Hash(), alices!.Value.Version, alices.Value.Data, TimeSpan.FromMinutes(1), default));

        var (other, _) = Server("redis");
        Assert.Null(await other.GetAsync(bob, default));
        Assert.Equal("alices", (await other.GetAsync(Slot, default))?.AccessToken);
    }

    private (SharedTokenCache Cache, Link Link) Server(string backend)
    {
        ITokenEntries entries = backend == "redis"
            ? new RedisTokenEntries(_connection, Settings)
            : new DistributedCacheTokenEntries(_otherCache, new RedisLock(_connection), Settings);
        var link = new Link(entries);
        return (new SharedTokenCache(link, _keys, Settings, NullLogger.Instance), link);
    }

    /// <summary>One server's path to the shared second level; <see cref="Down"/> cuts it as a lost connection would.</summary>
    private sealed class Link(ITokenEntries inner) : ITokenEntries
    {
        public bool Down { get; set; }

        public Task<TokenEntry?> ReadAsync(string slotHash, CancellationToken cancellationToken) => Up().ReadAsync(slotHash, cancellationToken);

        public Task<long> WriteNewestAsync(string slotHash, long knownVersion, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken) =>
            Up().WriteNewestAsync(slotHash, knownVersion, data, lifetime, cancellationToken);

        public Task<bool> WriteBackAsync(string slotHash, long version, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken) =>
            Up().WriteBackAsync(slotHash, version, data, lifetime, cancellationToken);

        private ITokenEntries Up() => Down ? throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "down") : inner;
    }
}
