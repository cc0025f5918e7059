using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Redis;

/// <summary>
/// One refresh per token in the whole farm. A token from the shared store is locked by its slot (app, token name,
/// user), so every refresh of that user's token, whichever refresh token a server still holds, waits for the one before
/// it and then reads what it saved. A token the caller owns (<see cref="IRemoteApp.RefreshAsync"/>) is locked by its
/// refresh token, and the result is kept a few minutes for servers that held the same one.
/// </summary>
internal sealed class RedisTokenRefreshCoordinator(RedisLock redisLock, IDistributedCache cache, IDataProtectionProvider dataProtection,
    RedisRemoteAppOptions options, ILogger<RedisTokenRefreshCoordinator> logger) : ITokenRefreshCoordinator
{
    /// <summary>How long a refresh's result is kept for servers that held the same refresh token (as in one process).</summary>
    private static readonly TimeSpan ResultLifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("OAuthGen.Redis.Refreshes.v1");
    private readonly IDistributedCache _cache = cache;
    private readonly RedisRemoteAppOptions _options = options;
    private readonly ILogger _logger = logger;

    public async ValueTask<ITokenRefreshLease> AcquireAsync(TokenRefreshScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var shared = scope.Store as DistributedTokenStore;
        var lockKey = _options.KeyPrefix + (shared is not null ? "lock:token:" + shared.SlotHash(scope.Key) : "lock:refresh:" + scope.RefreshTokenHash);
        RedisLock.Handle? handle;
        try
        {
            handle = await redisLock.TryAcquireAsync(lockKey, _options.LockWait, _options.LockExpiry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            throw new OAuthException(OAuthErrorType.RefreshLockUnavailable,
                $"The token of '{scope.Key.AppName}' was not refreshed: the farm-wide refresh lock could not be taken because Redis is " +
                $"unreachable ({e.GetType().Name}). Nothing was sent and the stored token was left as it was.", innerException: e);
        }
        if (handle is null)
        {
            throw new OAuthException(OAuthErrorType.RefreshLockUnavailable,
                $"The token of '{scope.Key.AppName}' was not refreshed: another server held the farm-wide refresh lock for longer than " +
                $"LockWait ({_options.LockWait.TotalSeconds:0.###} s). Nothing was sent and the stored token was left as it was.");
        }
        return new Lease(this, scope, shared, handle);
    }

    private sealed class Lease(RedisTokenRefreshCoordinator owner, TokenRefreshScope scope, DistributedTokenStore? shared, RedisLock.Handle handle)
        : ITokenRefreshLease
    {
        private string ResultKey => owner._options.KeyPrefix + "refreshed:" + scope.RefreshTokenHash;

        public async ValueTask<OAuthToken?> ReadCurrentAsync(CancellationToken cancellationToken)
        {
            if (shared is not null) return await shared.ReadSharedAsync(scope.Key, cancellationToken).ConfigureAwait(false);
            if (scope.Store is { } store) return await store.GetAsync(scope.Key, cancellationToken).ConfigureAwait(false);
            byte[]? data;
            try
            {
                data = await owner._cache.GetAsync(ResultKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                throw SharedStoreFailure.Unavailable("read the result of an earlier refresh", e);
            }
            return data is null ? null : StoredToken.Unprotect(owner._protector, scope.RefreshTokenHash, data)?.Token;
        }

        public async ValueTask CompleteAsync(OAuthToken refreshed, CancellationToken cancellationToken)
        {
            // The shared store already holds it; for everything else, servers holding the same refresh token read it here.
            if (shared is not null) return;
            try
            {
                await owner._cache.SetAsync(ResultKey, new StoredToken(refreshed, DateTimeOffset.UtcNow).Protect(owner._protector, scope.RefreshTokenHash),
                    new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = ResultLifetime }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                owner._logger.LogWarning("The result of a refresh could not be shared ({Error}); this server uses it.", e.GetType().Name);
            }
            catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
            {
                owner._logger.LogError("The result of a refresh could not be encrypted ({Error}); this server uses it. Check the Data Protection key ring.",
                    e.GetType().Name);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!await handle.ReleaseAsync().ConfigureAwait(false))
                {
                    owner._logger.LogWarning("A refresh outlived its farm-wide lock (LockExpiry); raise LockExpiry above TokenRequestTimeout.");
                }
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                // It expires by itself after LockExpiry.
                owner._logger.LogWarning("Releasing a refresh lock failed ({Error}); it expires by itself.", e.GetType().Name);
            }
        }
    }
}
