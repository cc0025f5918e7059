using System;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace OAuthGen.Redis;

/// <summary>
/// A Redis lock on one key: <c>SET key owner NX PX expiry</c> to take it, and a script that deletes the key only while
/// it still holds this owner's random value to release it, so a holder whose lock expired never frees the next holder's.
/// </summary>
internal sealed class RedisLock(RedisConnection connection)
{
    /// <summary>Deletes the lock only if this owner still holds it (a checked release).</summary>
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Takes the lock, polling with growing pauses for at most <paramref name="wait"/>; <see langword="null"/> when it was
    /// still held by another owner then.
    /// </summary>
    /// <exception cref="RedisException">Redis could not be reached (the caller decides what that means).</exception>
    public async Task<Handle?> TryAcquireAsync(RedisKey key, TimeSpan wait, TimeSpan expiry, CancellationToken cancellationToken)
    {
        var database = await connection.DatabaseAsync().ConfigureAwait(false);
        var owner = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var waited = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            bool taken;
            try
            {
                taken = await database.StringSetAsync(key, owner, expiry, When.NotExists).ConfigureAwait(false);
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                // A slow Redis may still run the SET after the client gave up on it, leaving a lock nobody holds for the whole
                // expiry. The checked release, sent behind it on the same connection, undoes exactly that and nothing else.
                _ = new Handle(database, key, owner).ReleaseAsync().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                throw;
            }
            if (taken) return new Handle(database, key, owner);
            var left = wait - waited.Elapsed;
            if (left <= TimeSpan.Zero) return null;
            // Jitter, so waiters of several servers do not knock in step.
            var jittered = pause * (0.5 + Random.Shared.NextDouble());
            await Task.Delay(jittered < left ? jittered : left, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>A held lock.</summary>
    internal sealed class Handle(IDatabase database, RedisKey key, string owner)
    {
        /// <summary>Releases the lock if this owner still holds it; <see langword="false"/> when it had expired and was lost.</summary>
        public async Task<bool> ReleaseAsync() =>
            (long)await database.ScriptEvaluateAsync(ReleaseScript, [key], [owner]).ConfigureAwait(false) == 1;
    }
}
