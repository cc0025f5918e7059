using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Redis;

/// <summary>
/// The two levels behind every <see cref="DistributedTokenStore"/> of a container: this process's memory first, then the
/// second level (<see cref="ITokenEntries"/>: Redis, or the application's cache) holding entries encrypted with Data
/// Protection. Every token carries the version it was stored as; a save writes a version above everything known, and a
/// token written back after an outage only lands over a lower version, so an older token never replaces a newer one,
/// whatever the servers' clocks say.
/// </summary>
internal sealed class SharedTokenCache
{
    private readonly ConcurrentDictionary<TokenSlot, FirstLevelEntry> _firstLevel = new();
    /// <summary>Tokens the second level lacks (saves that missed it, copies it lost), by slot; the highest version per slot.</summary>
    private readonly ConcurrentDictionary<TokenSlot, VersionedToken> _pending = new();
    private readonly ITokenEntries _secondLevel;
    private readonly IDataProtector _protector;
    private readonly RedisRemoteAppOptions _options;
    private readonly ILogger _logger;
    private int _flushing;

    public SharedTokenCache(ITokenEntries secondLevel, IDataProtectionProvider dataProtection, RedisRemoteAppOptions options, ILogger logger)
    {
        _secondLevel = secondLevel;
        _protector = dataProtection.CreateProtector("OAuthGen.Redis.Tokens.v1");
        _options = options;
        _logger = logger;
    }

    /// <summary>How many tokens wait for the second level (for monitoring and tests).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The token of <paramref name="slot"/>: from memory while it is fresh there, else from the second level.</summary>
    public ValueTask<OAuthToken?> GetAsync(TokenSlot slot, CancellationToken cancellationToken)
    {
        if (_firstLevel.TryGetValue(slot, out var entry) && Environment.TickCount64 - entry.LoadedAt < (long)_options.FirstLevelLifetime.TotalMilliseconds)
        {
            return ValueTask.FromResult<OAuthToken?>(entry.Copy.Stored.Token);
        }
        return ReadSharedAsync(slot, cancellationToken);
    }

    /// <summary>
    /// The token of <paramref name="slot"/> as the farm knows it, read from the second level (a refresh reads it here
    /// once it holds the lock). When the second level cannot be reached, the last copy in memory keeps serving; when this
    /// process holds a higher version than the second level (it missed a save, or restarted empty), that one serves and is
    /// written back.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.SharedStoreUnavailable"/>: unreachable, and nothing in memory.</exception>
    public async ValueTask<OAuthToken?> ReadSharedAsync(TokenSlot slot, CancellationToken cancellationToken)
    {
        var hash = slot.Hash();
        TokenEntry? entry;
        try
        {
            entry = await _secondLevel.ReadAsync(hash, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            if (Held(slot) is { } last)
            {
                // Served from memory for another first-level lifetime: during an outage the second level is asked (and this
                // logged) once per lifetime, not on every call.
                Remember(slot, last);
                _logger.LogWarning("The shared token store is unreachable ({Error}); serving the token kept in memory.", e.GetType().Name);
                return last.Stored.Token;
            }
            throw SharedStoreFailure.Unavailable("read a token", e);
        }
        if (!_pending.IsEmpty) _ = FlushPendingAsync();

        var stored = entry is { } found && StoredToken.Unprotect(_protector, hash, found.Data) is { } token ? new VersionedToken(token, found.Version) : null;
        if (entry is not null && stored is null)
        {
            _logger.LogWarning("A stored token could not be decrypted (another Data Protection key ring?); it is treated as missing.");
        }
        if (Held(slot) is { } mine && mine.Version > (entry?.Version ?? 0))
        {
            // The second level lacks what this process holds: a save that missed it, or a Redis that restarted empty.
            KeepPending(slot, mine);
            _ = FlushPendingAsync();
            Remember(slot, mine);
            return mine.Stored.Token;
        }
        if (stored is null)
        {
            _firstLevel.TryRemove(slot, out _);
            return null;
        }
        Remember(slot, stored);
        return stored.Stored.Token;
    }

    /// <summary>
    /// Saves to both levels, as a version above every one known. If the second level cannot be reached the token is kept
    /// in memory (and served from there) and written back when it returns, so a rotated refresh token is never lost.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.SharedStoreEncryptionFailed"/>: kept in memory only.</exception>
    public async ValueTask SaveAsync(TokenSlot slot, OAuthToken token, CancellationToken cancellationToken)
    {
        var known = Held(slot)?.Version ?? 0;
        var stored = new StoredToken(token, DateTimeOffset.UtcNow);
        var provisional = new VersionedToken(stored, known + 1);
        Remember(slot, provisional);
        try
        {
            var hash = slot.Hash();
            var version = await _secondLevel.WriteNewestAsync(hash, known, stored.Protect(_protector, hash), _options.TokenLifetime, cancellationToken)
                .ConfigureAwait(false);
            Remember(slot, provisional with { Version = version });
            if (_pending.TryGetValue(slot, out var pending) && pending.Version <= version) _pending.TryRemove(new(slot, pending));
        }
        catch (Exception e) when (SharedStoreFailure.IsUnavailable(e))
        {
            KeepPending(slot, provisional);
            _logger.LogWarning("The shared token store is unreachable ({Error}); the token is kept in memory and written back when it returns.",
                e.GetType().Name);
        }
        catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
        {
            // Nothing reached the second level, and a rotated refresh token must not be lost: memory keeps serving it (as
            // pending, past the first level's lifetime) and the next write-back tries again. The caller learns it is not shared.
            KeepPending(slot, provisional);
            _logger.LogError("A token could not be encrypted for the shared store ({Error}); it is kept in memory. Check the Data Protection key ring.",
                e.GetType().Name);
            throw KeyRingFailure.EncryptionFailed(e);
        }
    }

    /// <summary>
    /// Writes back what the second level lacks (after an outage it may have restarted empty): every pending token, and with
    /// <paramref name="includeFirstLevel"/> every copy in memory, each only over a missing entry or a lower version. Runs
    /// once at a time; failures leave the rest for the next attempt.
    /// </summary>
    public async Task FlushPendingAsync(bool includeFirstLevel = false)
    {
        if (Interlocked.Exchange(ref _flushing, 1) == 1) return;
        try
        {
            if (includeFirstLevel)
            {
                foreach (var (slot, entry) in _firstLevel) KeepPending(slot, entry.Copy);
            }
            foreach (var (slot, pending) in _pending.ToArray())
            {
                var hash = slot.Hash();
                if (!await _secondLevel.WriteBackAsync(hash, pending.Version, pending.Stored.Protect(_protector, hash), _options.TokenLifetime,
                    CancellationToken.None).ConfigureAwait(false))
                {
                    // A token as new or newer is stored (saved elsewhere meanwhile): ours is dropped, and memory reads that one next.
                    if (_firstLevel.TryGetValue(slot, out var copy) && copy.Copy.Version <= pending.Version) _firstLevel.TryRemove(new(slot, copy));
                }
                _pending.TryRemove(new(slot, pending));
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

    /// <summary>The highest version this process holds for <paramref name="slot"/> (pending or in the first level).</summary>
    private VersionedToken? Held(TokenSlot slot)
    {
        var copy = _firstLevel.TryGetValue(slot, out var entry) ? entry.Copy : null;
        return _pending.TryGetValue(slot, out var pending) && (copy is null || pending.Version >= copy.Version) ? pending : copy;
    }

    private void KeepPending(TokenSlot slot, VersionedToken token) =>
        _pending.AddOrUpdate(slot, token, (_, existing) => existing.Version > token.Version ? existing : token);

    private void Remember(TokenSlot slot, VersionedToken token)
    {
        if (_options.FirstLevelLifetime <= TimeSpan.Zero) return;
        if (_firstLevel.Count >= _options.FirstLevelMaxEntries && !_firstLevel.ContainsKey(slot)) TrimFirstLevel();
        // Never replace a higher version (a slow read racing a save); the same version again starts a new lifetime.
        _firstLevel.AddOrUpdate(slot, new FirstLevelEntry(token, Environment.TickCount64),
            (_, existing) => existing.Copy.Version > token.Version ? existing : new FirstLevelEntry(token, Environment.TickCount64));
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

    /// <summary>A token and the version it was stored as (or is to be written back as).</summary>
    private sealed record VersionedToken(StoredToken Stored, long Version);

    /// <summary>A token in memory and when it was read or saved (<see cref="Environment.TickCount64"/>).</summary>
    private readonly record struct FirstLevelEntry(VersionedToken Copy, long LoadedAt);
}
