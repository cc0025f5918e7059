using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace OAuthGen.Redis;

/// <summary>
/// The farm-wide <see cref="IReplayStore"/>: <c>SET key 1 NX</c> with the flow's expiry, atomic in Redis, so a callback
/// completed on one server is refused on every other.
/// </summary>
/// <remarks>
/// When Redis cannot be reached the callback fails with <see cref="OAuthErrorType.SharedStoreUnavailable"/> and nothing
/// is sent: completing it unchecked would let the same flow complete on another server too.
/// </remarks>
internal sealed class RedisReplayStore(RedisConnection connection, RedisRemoteAppOptions options, TimeProvider timeProvider) : IReplayStore
{
    /// <summary>The shortest expiry written, for flows already at the end of their lifetime.</summary>
    private static readonly TimeSpan ShortestExpiry = TimeSpan.FromSeconds(1);

    public async ValueTask<bool> TryMarkUsedAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var left = expiresAt - timeProvider.GetUtcNow();
        try
        {
            var database = await connection.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return await database.StringSetAsync(options.KeyPrefix + "used:" + key, "1", left > ShortestExpiry ? left : ShortestExpiry, When.NotExists)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            throw SharedStoreFailure.Unavailable("check that the pending authorization was not used before; nothing was sent", e);
        }
    }
}
