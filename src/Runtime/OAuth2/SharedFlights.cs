using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Process-wide single flight: one running task per key, awaited by every caller that asks for the key meanwhile, and its
/// result handed to later callers while it is still good.
/// </summary>
/// <remarks>
/// It is static state on purpose. Clients are usually transient (dependency injection makes a new RemoteApp per
/// resolve), so a lock per client instance — Authlib's, authlib#673 — lets two requests refresh the same token at once,
/// and with refresh-token rotation the second one fails with invalid_grant.
/// </remarks>
internal sealed class SharedFlights<TKey, TValue>(TimeSpan? retainCompletedFor) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Flight> _flights = new();

    /// <summary>Counts completions, to order flights finished within the same clock tick.</summary>
    private long _completions;

    /// <summary>
    /// Joins the flight for <paramref name="key"/>, reuses its result if <paramref name="isReusable"/> says so, or starts
    /// a new one with <paramref name="start"/>. The work itself is never cancelled by one caller: others may wait for it.
    /// It gets a token of its own that <paramref name="timeout"/> cancels; every waiter then gets the timeout's failure.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped this caller's wait.</exception>
    public async Task<TValue> RunAsync(TKey key, Func<TValue, bool> isReusable, Func<CancellationToken, Task<TValue>> start,
        FlightTimeout timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_flights.TryGetValue(key, out var existing))
            {
                if (!existing.Task.IsCompleted) return await existing.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (existing.Task.IsCompletedSuccessfully && isReusable(existing.Task.Result)) return existing.Task.Result;
                _flights.TryRemove(new KeyValuePair<TKey, Flight>(key, existing));
                continue;
            }
            var flight = new Flight();
            if (!_flights.TryAdd(key, flight)) continue;
            RemoveOldFlights();
            _ = FlyAsync(key, flight, start, timeout);
            return await flight.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets finished flights whose result matches (a revoked token must not be handed out again).</summary>
    public void Forget(Func<TValue, bool> predicate)
    {
        foreach (var pair in _flights)
        {
            if (pair.Value.Task.IsCompletedSuccessfully && predicate(pair.Value.Task.Result)) _flights.TryRemove(pair);
        }
    }

    /// <summary>
    /// Among the finished flights whose key is in <paramref name="group"/>, forgets those <paramref name="isStale"/> says
    /// are stale, then the oldest until at most <paramref name="maxEntries"/> remain (a cache that grows by one entry per
    /// scope must not grow without end).
    /// </summary>
    public void Trim(Func<TKey, bool> group, Func<TValue, bool> isStale, int maxEntries)
    {
        var finished = new List<KeyValuePair<TKey, Flight>>();
        foreach (var pair in _flights)
        {
            if (!group(pair.Key) || !pair.Value.Task.IsCompletedSuccessfully) continue;
            if (isStale(pair.Value.Task.Result)) _flights.TryRemove(pair);
            else finished.Add(pair);
        }
        if (finished.Count <= maxEntries) return;
        finished.Sort((a, b) => a.Value.Order.CompareTo(b.Value.Order));
        for (var i = 0; i < finished.Count - Math.Max(maxEntries, 0); i++) _flights.TryRemove(finished[i]);
    }

    private async Task FlyAsync(TKey key, Flight flight, Func<CancellationToken, Task<TValue>> start, FlightTimeout timeout)
    {
        using var deadline = timeout.Duration == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(timeout.Duration, timeout.Clock);
        try
        {
            var value = await start(deadline.Token).ConfigureAwait(false);
            flight.CompletedAt = Environment.TickCount64;
            flight.Order = Interlocked.Increment(ref _completions);
            flight.Complete(value);
        }
        catch (Exception e)
        {
            // A failure is not remembered: the next caller tries again. Those already waiting share this failure; after the
            // deadline it is the timeout's, whatever the cancelled work threw (an OperationCanceledException would read as
            // the waiter's own cancellation).
            _flights.TryRemove(new KeyValuePair<TKey, Flight>(key, flight));
            flight.Fail(deadline.IsCancellationRequested ? timeout.Expired(e) : e);
        }
    }

    private void RemoveOldFlights()
    {
        if (retainCompletedFor is not { } retain) return;
        var now = Environment.TickCount64;
        foreach (var pair in _flights)
        {
            if (pair.Value.Task.IsCompleted && now - pair.Value.CompletedAt > (long)retain.TotalMilliseconds) _flights.TryRemove(pair);
        }
    }

    private sealed class Flight
    {
        private readonly TaskCompletionSource<TValue> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TValue> Task => _completion.Task;

        /// <summary><see cref="Environment.TickCount64"/> at completion: a monotonic clock shared by every app in the process.</summary>
        public long CompletedAt { get; set; }

        /// <summary>When it completed, relative to the other flights of the same instance.</summary>
        public long Order { get; set; }

        public void Complete(TValue value) => _completion.SetResult(value);

        public void Fail(Exception exception) => _completion.SetException(exception);
    }
}
