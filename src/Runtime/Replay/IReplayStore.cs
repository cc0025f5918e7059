using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Remembers which pending authorizations were already used, so a callback cannot complete the same flow twice
/// (client-side replay: a reloaded or resubmitted callback page, a stolen pending-flow cookie). The default is one
/// in-memory store per process (<see cref="InMemoryReplayStore"/>); a web farm shares one store (Redis, a database) so
/// that a callback replayed against another server is refused too.
/// </summary>
/// <remarks>
/// Keys are opaque, fixed-length hashes (no secret in clear; see docs). An implementation must be atomic across every
/// process that shares it: of two concurrent calls with the same key, exactly one may return <see langword="true"/>
/// (Redis: <c>SET key 1 NX EXAT expiresAt</c>; SQL: an insert against a unique key).
/// </remarks>
public interface IReplayStore
{
    /// <summary>
    /// Marks <paramref name="key"/> used until <paramref name="expiresAt"/>, unless it already is.
    /// </summary>
    /// <param name="key">Identifies one pending authorization; 64 lowercase hexadecimal characters.</param>
    /// <param name="expiresAt">When the pending authorization expires (its creation time plus
    /// <see cref="RemoteAppOptions.PendingAuthorizationLifetime"/>, on the app's <see cref="RemoteAppOptions.TimeProvider"/>);
    /// after it, the app refuses the pending authorization on its own, so the entry may be forgotten.</param>
    /// <param name="cancellationToken">Cancels the check; the callback then fails with <see cref="OperationCanceledException"/>.</param>
    /// <returns><see langword="true"/> when this call marked the key (first use: the flow may go on); <see langword="false"/>
    /// when it was already marked and has not expired (a replay: the flow is refused).</returns>
    ValueTask<bool> TryMarkUsedAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
