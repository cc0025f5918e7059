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

    private async Task FlyAsync(TKey key, Flight flight, Func<CancellationToken, Task<TValue>> start, FlightTimeout timeout)
    {
        using var deadline = timeout.Duration == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(timeout.Duration, timeout.Clock);
        try
        {
            var value = await start(deadline.Token).ConfigureAwait(false);
            flight.CompletedAt = Environment.TickCount64;
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

        public void Complete(TValue value) => _completion.SetResult(value);

        public void Fail(Exception exception) => _completion.SetException(exception);
    }
}
