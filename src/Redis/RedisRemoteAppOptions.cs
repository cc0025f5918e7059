using System;

namespace OAuthGen.Redis;

/// <summary>
/// Settings of <see cref="Microsoft.Extensions.DependencyInjection.RedisServiceCollectionExtensions.AddRemoteAppRedis(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{RedisRemoteAppOptions})"/>.
/// </summary>
public sealed class RedisRemoteAppOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, e.g. <c>redis1:6379,redis2:6379,password=...,ssl=true</c>.
    /// Whatever it says, the connection does not abort when Redis is down at startup (it keeps reconnecting), and
    /// commands fail at once while it is disconnected instead of queueing.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>The prefix of every Redis key this package writes; <c>oauthgen:</c> by default. Give each application its own.</summary>
    public string KeyPrefix { get; set; } = "oauthgen:";

    /// <summary>
    /// The user whose tokens the resolving scope works with (for per-user tokens), from the scope's services, e.g.
    /// <c>sp =&gt; sp.GetRequiredService&lt;IHttpContextAccessor&gt;().HttpContext?.User.FindFirst("sub")?.Value</c>.
    /// <see langword="null"/> (the default), or a delegate returning <see langword="null"/>, means the app's own tokens,
    /// shared by every user. It is called on every token read and save, with the services of the scope the store was
    /// resolved from.
    /// </summary>
    public Func<IServiceProvider, string?>? User { get; set; }

    /// <summary>
    /// How long a token read from Redis is served from this process's memory without asking Redis again; 1 minute by
    /// default. A token refreshed by another server is seen here within this time, at its next refresh, or after a
    /// <c>401 invalid_token</c>, whichever comes first. <see cref="TimeSpan.Zero"/> turns the first level off.
    /// </summary>
    public TimeSpan FirstLevelLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most tokens kept in this process's memory; 10,000 by default.</summary>
    public int FirstLevelMaxEntries { get; set; } = 10_000;

    /// <summary>
    /// How long a refresh waits for the farm-wide lock held by another server; 10 seconds by default. Past it the refresh
    /// fails with <see cref="OAuthErrorType.RefreshLockUnavailable"/> and sends nothing.
    /// </summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a lock lives when its holder dies without releasing it; 2 minutes by default. Keep it above the
    /// refresh's own limit (<see cref="RemoteAppOptions.TokenRequestTimeout"/>, 100 s by default).
    /// </summary>
    public TimeSpan LockExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a stored token lives in Redis after its last save; 30 days by default. Tokens are stored until
    /// replaced, but a user who never returns should not stay in Redis for ever.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Where the shared token store keeps its entries (the second level, behind each server's memory), from the
    /// container's services, e.g. <c>sp =&gt; sp.GetRequiredService&lt;IDistributedCache&gt;()</c> for a SQL Server or
    /// Cosmos DB cache registered by the application. <see langword="null"/> (the default) keeps them in Redis on this
    /// package's connection. Entries are encrypted and partitioned the same way on every backend; on Redis a script
    /// compares versions and writes in one atomic step, on any other cache every write compares them under a farm-wide
    /// Redis lock of that entry (see docs/web-farm.md). The refresh lock, the replay check, client credentials tokens and
    /// refresh results stay on Redis.
    /// </summary>
    public Func<IServiceProvider, Microsoft.Extensions.Caching.Distributed.IDistributedCache>? TokenCache { get; set; }

    /// <summary>A copy.</summary>
    internal RedisRemoteAppOptions Clone() => (RedisRemoteAppOptions)MemberwiseClone();
}
