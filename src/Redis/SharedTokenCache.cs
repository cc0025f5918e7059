using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Redis;

/// <summary>
/// The two levels behind every <see cref="DistributedTokenStore"/> of a container: this process's memory first, then an
/// <see cref="IDistributedCache"/> (Redis through <c>AddRemoteAppRedis</c>; any backend works) holding entries encrypted
/// with Data Protection. When the second level fails, what memory holds keeps serving, and saves that could not reach it
/// are written back when it returns, unless a newer token got there first.
/// </summary>
internal sealed class SharedTokenCache
{
    private readonly ConcurrentDictionary<TokenSlot, FirstLevelEntry> _firstLevel = new();
    /// <summary>Saves that did not reach the second level yet, by slot; the newest per slot.</summary>
    private readonly ConcurrentDictionary<TokenSlot, StoredToken> _pending = new();
    private readonly IDistributedCache _secondLevel;
    private readonly IDataProtector _protector;
    private readonly RedisRemoteAppOptions _options;
    private readonly ILogger _logger;
    private int _flushing;

    public SharedTokenCache(IDistributedCache secondLevel, IDataProtectionProvider dataProtection, RedisRemoteAppOptions options, ILogger logger)
    {
        _secondLevel = secondLevel;
        _protector = dataProtection.CreateProtector("OAuthGen.Redis.Tokens.v1");
        _options = options;
        _logger = logger;
    }

    /// <summary>How many saves wait for the second level (for monitoring and tests).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The token of <paramref name="slot"/>: from memory while it is fresh there, else from the second level.</summary>
    public ValueTask<OAuthToken?> GetAsync(TokenSlot slot, CancellationToken cancellationToken)
    {
        if (_firstLevel.TryGetValue(slot, out var entry) && Environment.TickCount64 - entry.LoadedAt < (long)_options.FirstLevelLifetime.TotalMilliseconds)
        {
            return ValueTask.FromResult<OAuthToken?>(entry.Stored.Token);
        }
        return ReadSharedAsync(slot, cancellationToken);
    }

    /// <summary>
    /// The token of <paramref name="slot"/> as the farm knows it, read from the second level (a refresh reads it here
    /// once it holds the lock). When the second level cannot be reached, the last copy in memory keeps serving.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.SharedStoreUnavailable"/>: unreachable, and nothing in memory.</exception>
    public async ValueTask<OAuthToken?> ReadSharedAsync(TokenSlot slot, CancellationToken cancellationToken)
    {
        var hash = slot.Hash();
        byte[]? data;
        try
        {
            data = await _secondLevel.GetAsync(Key(hash), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            if (_pending.TryGetValue(slot, out var unsaved)) return unsaved.Token;
            if (_firstLevel.TryGetValue(slot, out var last))
            {
                // Served from memory for another first-level lifetime: during an outage Redis is asked (and this logged)
                // once per lifetime, not on every call.
                Remember(slot, last.Stored);
                _logger.LogWarning("The shared token store is unreachable ({Error}); serving the token kept in memory.", e.GetType().Name);
                return last.Stored.Token;
            }
            throw SharedStoreFailure.Unavailable("read a token", e);
        }
        if (!_pending.IsEmpty) _ = FlushPendingAsync();

        var stored = data is null ? null : StoredToken.Unprotect(_protector, hash, data);
        if (data is not null && stored is null)
        {
            _logger.LogWarning("A stored token could not be decrypted (another Data Protection key ring?); it is treated as missing.");
        }
        if (_pending.TryGetValue(slot, out var pending) && (stored is null || pending.SavedAt > stored.SavedAt)) stored = pending;
        if (stored is null)
        {
            _firstLevel.TryRemove(slot, out _);
            return null;
        }
        Remember(slot, stored);
        return stored.Token;
    }

    /// <summary>
    /// Saves to both levels. If the second level cannot be reached the token is kept in memory (and served from there)
    /// and written back when Redis returns, so a rotated refresh token is never lost.
    /// </summary>
    public async ValueTask SaveAsync(TokenSlot slot, OAuthToken token, CancellationToken cancellationToken)
    {
        var stored = new StoredToken(token, DateTimeOffset.UtcNow);
        Remember(slot, stored);
        try
        {
            await WriteAsync(slot.Hash(), stored, cancellationToken).ConfigureAwait(false);
            _pending.TryRemove(slot, out _);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            _pending.AddOrUpdate(slot, stored, (_, existing) => existing.SavedAt > stored.SavedAt ? existing : stored);
            _logger.LogWarning("The shared token store is unreachable ({Error}); the token is kept in memory and written back when it returns.",
                e.GetType().Name);
        }
        catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
        {
            // Nothing reached the second level, and a rotated refresh token must not be lost: memory keeps serving it (as
            // pending, past the first level's lifetime) and the next write-back tries again. The caller learns it is not shared.
            _pending.AddOrUpdate(slot, stored, (_, existing) => existing.SavedAt > stored.SavedAt ? existing : stored);
            _logger.LogError("A token could not be encrypted for the shared store ({Error}); it is kept in memory. Check the Data Protection key ring.",
                e.GetType().Name);
            throw KeyRingFailure.EncryptionFailed(e);
        }
    }

    /// <summary>
    /// After Redis comes back (it may have restarted empty): writes every token this process holds back, unless the second
    /// level has one saved later. Runs once at a time; failures leave the rest for the next attempt.
    /// </summary>
    public async Task FlushPendingAsync(bool includeFirstLevel = false)
    {
        if (Interlocked.Exchange(ref _flushing, 1) == 1) return;
        try
        {
            if (includeFirstLevel)
            {
                foreach (var (slot, entry) in _firstLevel) _pending.AddOrUpdate(slot, entry.Stored, (_, existing) => existing.SavedAt >= entry.Stored.SavedAt ? existing : entry.Stored);
            }
            foreach (var (slot, stored) in _pending.ToArray())
            {
                var hash = slot.Hash();
                var data = await _secondLevel.GetAsync(Key(hash), CancellationToken.None).ConfigureAwait(false);
                var current = data is null ? null : StoredToken.Unprotect(_protector, hash, data);
                if (current is not null && current.SavedAt >= stored.SavedAt)
                {
                    Remember(slot, current); // a newer token was saved elsewhere meanwhile: keep it, drop ours
                }
                else
                {
                    await WriteAsync(hash, stored, CancellationToken.None).ConfigureAwait(false);
                }
                _pending.TryRemove(new(slot, stored));
            }
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            _logger.LogWarning("Writing tokens back to the shared store failed ({Error}); it is tried again when the connection returns.", e.GetType().Name);
        }
        catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
        {
            _logger.LogError("Writing tokens back to the shared store failed ({Error}); check the Data Protection key ring. They stay in memory.",
                e.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    private Task WriteAsync(string hash, StoredToken stored, CancellationToken cancellationToken) =>
        _secondLevel.SetAsync(Key(hash), stored.Protect(_protector, hash),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.TokenLifetime }, cancellationToken);

    private void Remember(TokenSlot slot, StoredToken stored)
    {
        if (_options.FirstLevelLifetime <= TimeSpan.Zero) return;
        if (_firstLevel.Count >= _options.FirstLevelMaxEntries && !_firstLevel.ContainsKey(slot)) TrimFirstLevel();
        // Never replace a copy saved later (a slow read racing a save); the same copy again starts a new lifetime.
        _firstLevel.AddOrUpdate(slot, new FirstLevelEntry(stored, Environment.TickCount64),
            (_, existing) => existing.Stored.SavedAt > stored.SavedAt ? existing : new FirstLevelEntry(stored, Environment.TickCount64));
    }

    /// <summary>Drops what is past its first-level lifetime, then, if still full, the older half.</summary>
    private void TrimFirstLevel()
    {
        var lifetime = (long)_options.FirstLevelLifetime.TotalMilliseconds;
        var now = Environment.TickCount64;
        foreach (var pair in _firstLevel)
        {
            if (now - pair.Value.LoadedAt >= lifetime && !_pending.ContainsKey(pair.Key)) _firstLevel.TryRemove(pair);
        }
        if (_firstLevel.Count < _options.FirstLevelMaxEntries) return;
        foreach (var pair in _firstLevel.OrderBy(p => p.Value.LoadedAt).Take(_firstLevel.Count / 2))
        {
            if (!_pending.ContainsKey(pair.Key)) _firstLevel.TryRemove(pair);
        }
    }

    private string Key(string hash) => _options.KeyPrefix + "token:" + hash;

    /// <summary>A token in memory and when it was read or saved (<see cref="Environment.TickCount64"/>).</summary>
    private readonly record struct FirstLevelEntry(StoredToken Stored, long LoadedAt);
}
