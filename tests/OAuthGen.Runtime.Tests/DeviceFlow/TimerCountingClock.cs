using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.DeviceFlow;

/// <summary>
/// A fake clock that counts the timers created on it, so a test moves time only once the poller is waiting: advancing
/// before the wait starts would shift every later poll.
/// </summary>
public sealed class TimerCountingClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))
{
    private int _timers;

    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, at most 10 s) until <paramref name="count"/> timers were created.</summary>
    public async Task WaitForTimersAsync(int count)
    {
        var watch = Stopwatch.StartNew();
        while (Timers < count)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"Expected {count} waits, saw {Timers}.");
            await Task.Delay(5);
        }
    }
}
