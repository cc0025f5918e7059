using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The default <see cref="IReplayStore"/>: used keys in process memory, each forgotten once it expires. Entries are
/// swept while keys are marked, so memory holds about the flows completed within one
/// <see cref="RemoteAppOptions.PendingAuthorizationLifetime"/>. It protects one process only; share a store across a web
/// farm instead.
/// </summary>
public sealed class InMemoryReplayStore : IReplayStore
{
    /// <summary>How often at most expired entries are swept: a sweep walks every entry, so not on every mark.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The process-wide stores used when <see cref="RemoteAppOptions.ReplayStore"/> is <see langword="null"/>: one per clock,
    /// because expiries are times on the app's clock. A store judging them by another clock (a test's fake clock set to
    /// another year) would forget entries at once or never. Weak keys: a discarded clock takes its store with it.
    /// </summary>
    private static readonly ConditionalWeakTable<TimeProvider, InMemoryReplayStore> Defaults = new();

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _nextSweepTicks;

    /// <summary>Creates a store that judges expiry by <paramref name="timeProvider"/> (the system clock by default).</summary>
    /// <param name="timeProvider">Must be the clock of the apps using the store (<see cref="RemoteAppOptions.TimeProvider"/>).</param>
    public InMemoryReplayStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The number of keys held, expired ones not yet swept included (for monitoring and tests).</summary>
    public int Count => _used.Count;

    /// <inheritdoc/>
    public ValueTask<bool> TryMarkUsedAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        SweepIfDue(now);
        while (true)
        {
            if (_used.TryAdd(key, expiresAt)) return ValueTask.FromResult(true);
            if (!_used.TryGetValue(key, out var existing)) continue;
            if (existing > now) return ValueTask.FromResult(false);
            // An expired entry not yet swept: the key is free again. TryUpdate keeps this atomic against a concurrent mark.
            if (_used.TryUpdate(key, expiresAt, existing)) return ValueTask.FromResult(true);
        }
    }

    /// <summary>The store for apps on <paramref name="timeProvider"/> that configured none.</summary>
    internal static InMemoryReplayStore For(TimeProvider timeProvider) =>
        Defaults.GetValue(timeProvider, static clock => new InMemoryReplayStore(clock));

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next) return;
        // One sweeper at a time; the others go on marking.
        if (Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, next) != next) return;
        foreach (var entry in _used)
        {
            // Removes the pair only if unchanged, so a key re-marked meanwhile stays.
            if (entry.Value <= now) _used.TryRemove(entry);
        }
    }
}
