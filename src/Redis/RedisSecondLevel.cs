using Microsoft.Extensions.Caching.Distributed;

namespace OAuthGen.Redis;

/// <summary>
/// The <see cref="IDistributedCache"/> on this package's own Redis connection. It is not taken from the container: an
/// application's <c>AddDistributedMemoryCache</c> (sessions register one) would silently keep tokens per server.
/// </summary>
internal sealed record RedisSecondLevel(IDistributedCache Cache);
