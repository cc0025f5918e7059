using System;

namespace OAuthGen.Redis;

/// <summary>
/// A failure of an application's <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (or a write lock
/// not taken in time), marked as "the second level is unavailable" so the store falls back to memory. Never leaves the
/// library: it becomes <see cref="OAuthErrorType.SharedStoreUnavailable"/> or is logged by type.
/// </summary>
internal sealed class SharedStoreUnavailableException(Exception cause) : Exception("The shared token cache failed.", cause);
