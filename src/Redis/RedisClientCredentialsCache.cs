using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Redis;

/// <summary>
/// Client credentials tokens shared by the farm: the first server that needs one takes the key's lock, requests it and
/// stores it (encrypted) until it stops being reused; the others wait for the lock and read it. Asking twice only costs a
/// token, so when Redis cannot be reached or the lock is held too long, a server requests its own instead of failing.
/// </summary>
internal sealed class RedisClientCredentialsCache(RedisLock redisLock, IDistributedCache cache, IDataProtectionProvider dataProtection,
    RedisRemoteAppOptions options, ILogger<RedisClientCredentialsCache> logger) : IClientCredentialsCache
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("OAuthGen.Redis.ClientCredentials.v1");

    public async ValueTask<CachedClientCredentials> GetOrRequestAsync(string key, Func<CachedClientCredentials, bool> isReusable,
        Func<CancellationToken, Task<CachedClientCredentials>> request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(isReusable);
        ArgumentNullException.ThrowIfNull(request);
        RedisLock.Handle? handle = null;
        try
        {
            try
            {
                if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } shared && isReusable(shared)) return shared;
                handle = await redisLock.TryAcquireAsync(options.KeyPrefix + "lock:cc:" + key, options.LockWait, options.LockExpiry, cancellationToken)
                    .ConfigureAwait(false);
                if (handle is null)
                {
                    logger.LogWarning("Another server held the client credentials lock longer than LockWait; requesting a token here.");
                    return await request(cancellationToken).ConfigureAwait(false);
                }
                // Whoever held the lock before may have stored one.
                if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored && isReusable(stored)) return stored;
            }
            catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
            {
                logger.LogWarning("The shared store is unreachable ({Error}); requesting a client credentials token here.", e.GetType().Name);
                return await request(cancellationToken).ConfigureAwait(false);
            }
            var fresh = await request(cancellationToken).ConfigureAwait(false);
            await WriteAsync(key, fresh).ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            await ReleaseAsync(handle).ConfigureAwait(false);
        }
    }

    public async ValueTask ForgetAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            // The index written beside each token names its entry: a revoked token is dropped farm-wide.
            var indexKey = IndexKey(token);
            if (await cache.GetStringAsync(indexKey, cancellationToken).ConfigureAwait(false) is { } entryKey)
            {
                await cache.RemoveAsync(entryKey, cancellationToken).ConfigureAwait(false);
                await cache.RemoveAsync(indexKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            throw SharedStoreFailure.Unavailable("forget a revoked client credentials token", e);
        }
    }

    private async Task<CachedClientCredentials?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var data = await cache.GetAsync(EntryKey(key), cancellationToken).ConfigureAwait(false);
        if (data is null) return null;
        // The entry's save time is the instant it stops being reused (see WriteAsync).
        return StoredToken.Unprotect(_protector, key, data) is { } stored ? new CachedClientCredentials(stored.Token, stored.SavedAt) : null;
    }

    private async Task WriteAsync(string key, CachedClientCredentials fresh)
    {
        try
        {
            var options = new DistributedCacheEntryOptions { AbsoluteExpiration = fresh.ReuseUntil };
            if (fresh.ReuseUntil <= DateTimeOffset.UtcNow) return; // a clock far from the system's: nothing to share
            await cache.SetAsync(EntryKey(key), new StoredToken(fresh.Token, fresh.ReuseUntil).Protect(_protector, key), options).ConfigureAwait(false);
            await cache.SetStringAsync(IndexKey(fresh.Token), EntryKey(key), options).ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            logger.LogWarning("A client credentials token could not be shared ({Error}); this server uses it.", e.GetType().Name);
        }
        catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
        {
            // Asking twice only costs a token: this server uses it, the others request their own.
            logger.LogError("A client credentials token could not be encrypted for the shared store ({Error}); this server uses it. " +
                "Check the Data Protection key ring.", e.GetType().Name);
        }
    }

    private async Task ReleaseAsync(RedisLock.Handle? handle)
    {
        if (handle is null) return;
        try
        {
            await handle.ReleaseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            logger.LogWarning("Releasing a client credentials lock failed ({Error}); it expires by itself.", e.GetType().Name);
        }
    }

    private string EntryKey(string key) => options.KeyPrefix + "cc:" + key;

    private string IndexKey(OAuthToken token) =>
        options.KeyPrefix + "cc-token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("oauthgen-cc-token-v1|" + token.AccessToken)));
}
