using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace OAuthGen.Redis;

/// <summary>
/// Token entries on Redis: a hash per slot (<c>v</c>, the version; <c>data</c>, the encrypted token) written by Lua
/// scripts, so reading the stored version and writing the new entry is one atomic step.
/// </summary>
internal sealed class RedisTokenEntries(RedisConnection connection, RedisRemoteAppOptions options) : ITokenEntries
{
    /// <summary>Writes as one above the larger of the stored version and the writer's; returns the version written.</summary>
    private const string WriteNewestScript = """
        local stored = tonumber(redis.call('HGET', KEYS[1], 'v')) or 0
        local known = tonumber(ARGV[1])
        local version = (stored > known and stored or known) + 1
        redis.call('HSET', KEYS[1], 'v', version, 'data', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return version
        """;

    /// <summary>Writes only over a missing entry or a lower version; 1 when written.</summary>
    private const string WriteBackScript = """
        local stored = tonumber(redis.call('HGET', KEYS[1], 'v')) or 0
        if stored >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'data', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private static readonly RedisValue[] Fields = ["v", "data"];

    public async Task<TokenEntry?> ReadAsync(string slotHash, CancellationToken cancellationToken)
    {
        var database = await connection.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var values = await database.HashGetAsync(Key(slotHash), Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (values[1].IsNull) return null;
        return new TokenEntry(values[0].TryParse(out long version) ? version : 0, (byte[])values[1]!);
    }

    public async Task<long> WriteNewestAsync(string slotHash, long knownVersion, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var database = await connection.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)await database.ScriptEvaluateAsync(WriteNewestScript, [Key(slotHash)], [knownVersion, data, Milliseconds(lifetime)])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> WriteBackAsync(string slotHash, long version, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var database = await connection.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)await database.ScriptEvaluateAsync(WriteBackScript, [Key(slotHash)], [version, data, Milliseconds(lifetime)])
            .WaitAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private RedisKey Key(string slotHash) => options.KeyPrefix + "token:" + slotHash;

    private static long Milliseconds(TimeSpan lifetime) => (long)Math.Ceiling(lifetime.TotalMilliseconds);
}
