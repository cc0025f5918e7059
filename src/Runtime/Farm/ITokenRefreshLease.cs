using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// One refresh's hold on its token (<see cref="ITokenRefreshCoordinator.AcquireAsync"/>). Disposing it releases the
/// lock, and only the lock this lease took: a lock that expired and was taken by another process meanwhile stays theirs.
/// </summary>
/// <remarks>
/// <see cref="CompleteAsync"/> and disposing must not throw: the server has rotated the refresh token by then, and the
/// new token has to reach the callers. An implementation logs its own failures instead.
/// </remarks>
public interface ITokenRefreshLease : IAsyncDisposable
{
    /// <summary>
    /// The token as every process sharing the coordinator knows it now, read past any local cache: when it is not the
    /// token being refreshed and still fresh, another process has refreshed it and the refresh sends nothing.
    /// </summary>
    /// <returns>The current token, or <see langword="null"/> when nothing is known.</returns>
    ValueTask<OAuthToken?> ReadCurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the refreshed token before the lock is released (after it was saved to the scope's store, if any), so a
    /// process that held the same refresh token and waited for the lock gets it from <see cref="ReadCurrentAsync"/>.
    /// </summary>
    ValueTask CompleteAsync(OAuthToken refreshed, CancellationToken cancellationToken);
}
