using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace OAuthGen.Redis;

/// <summary>
/// Token entries on any <see cref="IDistributedCache"/> (<see cref="RedisRemoteAppOptions.TokenCache"/>): the version is
/// the first 8 bytes of the value. A cache offers no compare-and-set, so every write reads and compares the version
/// under a farm-wide Redis lock of its own per entry (<c>lock:write:{slot}</c>): every writer of a slot takes it, so no
/// older token is written over a newer one.
/// </summary>
internal sealed class DistributedCacheTokenEntries(IDistributedCache cache, RedisLock redisLock, RedisRemoteAppOptions options) : ITokenEntries
{
    /// <summary>A write holds the lock for two cache round trips; one that dies holding it frees it after this.</summary>
    private static readonly TimeSpan WriteLockExpiry = TimeSpan.FromSeconds(30);

    public async Task<TokenEntry?> ReadAsync(string slotHash, CancellationToken cancellationToken)
    {
        var value = await Guarded(() => cache.GetAsync(Key(slotHash), cancellationToken), cancellationToken).ConfigureAwait(false);
        if (value is null || value.Length < sizeof(long)) return null;
        return new TokenEntry(BinaryPrimitives.ReadInt64LittleEndian(value), value[sizeof(long)..]);
    }

    public Task<long> WriteNewestAsync(string slotHash, long knownVersion, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken) =>
        UnderWriteLockAsync(slotHash, async () =>
        {
            var stored = (await ReadAsync(slotHash, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
            var version = Math.Max(stored, knownVersion) + 1;
            await SetAsync(slotHash, version, data, lifetime, cancellationToken).ConfigureAwait(false);
            return version;
        }, cancellationToken);

    public Task<bool> WriteBackAsync(string slotHash, long version, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken) =>
        UnderWriteLockAsync(slotHash, async () =>
        {
            if ((await ReadAsync(slotHash, cancellationToken).ConfigureAwait(false))?.Version >= version) return false;
            await SetAsync(slotHash, version, data, lifetime, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> UnderWriteLockAsync<T>(string slotHash, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var handle = await redisLock.TryAcquireAsync(options.KeyPrefix + "lock:write:" + slotHash, options.LockWait, WriteLockExpiry, cancellationToken)
            .ConfigureAwait(false)
            // Like an unreachable store: the token is kept in memory and written back later.
            ?? throw new SharedStoreUnavailableException(new TimeoutException("The write lock of a token entry was held longer than LockWait."));
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await handle.ReleaseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                // It expires by itself after WriteLockExpiry.
            }
        }
    }

    private Task SetAsync(string slotHash, long version, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var value = new byte[sizeof(long) + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(value, version);
        data.CopyTo(value.AsSpan(sizeof(long)));
        return Guarded(async () =>
        {
            await cache.SetAsync(Key(slotHash), value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Whatever an application's cache throws (a SQL error, a lost connection) means the second level is unavailable: the
    /// caller falls back to memory as for Redis. Only the caller's own cancellation passes through.
    /// </summary>
    private static async Task<T> Guarded<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            && !SharedStoreFailure.IsUnavailable(e))
        {
            throw new SharedStoreUnavailableException(e);
        }
    }

    private string Key(string slotHash) => options.KeyPrefix + "token:" + slotHash;
}
