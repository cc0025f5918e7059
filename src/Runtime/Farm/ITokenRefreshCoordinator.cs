using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Serialises OAuth 2.0 refreshes beyond one process. Inside a process a refresh already runs once per refresh token;
/// with several processes (a web farm) sharing one token store, each would still refresh on its own, and with
/// refresh-token rotation (RFC 9700 §4.14) all but the first would send a refresh token the server has already
/// rotated away (<c>invalid_grant</c>, the user is logged out). A coordinator gives each refresh a lease: an exclusive
/// lock across every process that shares it, and a fresh look at the token once the lock is held.
/// </summary>
/// <remarks>
/// The default (<see cref="InProcessTokenRefreshCoordinator"/>) takes no lock and reads the app's token store: exactly
/// the single-process behaviour. <c>OAuthGen.Redis</c> provides a farm-wide one. Set
/// <see cref="RemoteAppOptions.RefreshCoordinator"/>, or register one as a singleton service for <c>AddRemoteApp</c>.
/// </remarks>
public interface ITokenRefreshCoordinator
{
    /// <summary>
    /// Takes the lock for <paramref name="scope"/>, waiting a bounded time. The refresh then reads
    /// <see cref="ITokenRefreshLease.ReadCurrentAsync"/> and sends nothing when another process has already refreshed;
    /// otherwise it refreshes, saves, reports the result with <see cref="ITokenRefreshLease.CompleteAsync"/> and disposes
    /// the lease, which releases the lock.
    /// </summary>
    /// <exception cref="OAuthException">The lock could not be taken (<see cref="OAuthErrorType.RefreshLockUnavailable"/>);
    /// nothing was sent and the stored token was left as it was.</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> (the refresh's own
    /// timeout) ran out while waiting.</exception>
    ValueTask<ITokenRefreshLease> AcquireAsync(TokenRefreshScope scope, CancellationToken cancellationToken);
}
