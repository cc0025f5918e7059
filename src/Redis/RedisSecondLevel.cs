using Microsoft.Extensions.Caching.Distributed;

namespace OAuthGen.Redis;

/// <summary>
/// The <see cref="IDistributedCache"/> on this package's own Redis connection, for client credentials tokens and refresh
/// results (tokens have their own entries: <see cref="ITokenEntries"/>). It is not taken from the
/// container: an application's <c>AddDistributedMemoryCache</c> (sessions register one) would silently keep them per server.
/// </summary>
internal sealed record RedisSecondLevel(IDistributedCache Cache);
