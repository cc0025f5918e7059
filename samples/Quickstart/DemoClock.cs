using System;
using System.Threading;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// The system clock, moved forward on demand. Shared by the provider and the clients, it lets the quickstart show an
/// access token expiring (and being refreshed) without waiting out its two-minute lifetime.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
