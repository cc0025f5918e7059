using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The default <see cref="ITokenRefreshCoordinator"/>: no lock beyond the process (where a refresh already runs once per
/// refresh token), and the current token is whatever the scope's store says. Right for one process; a web farm needs a
/// shared coordinator (<c>OAuthGen.Redis</c>).
/// </summary>
public sealed class InProcessTokenRefreshCoordinator : ITokenRefreshCoordinator
{
    /// <summary>The one instance; it holds no state.</summary>
    public static InProcessTokenRefreshCoordinator Instance { get; } = new();

    private InProcessTokenRefreshCoordinator()
    {
    }

    /// <inheritdoc/>
    public ValueTask<ITokenRefreshLease> AcquireAsync(TokenRefreshScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ITokenRefreshLease>(new Lease(scope));

    private sealed class Lease(TokenRefreshScope scope) : ITokenRefreshLease
    {
        public ValueTask<OAuthToken?> ReadCurrentAsync(CancellationToken cancellationToken) =>
            scope.Store is { } store ? store.GetAsync(scope.Key, cancellationToken) : ValueTask.FromResult<OAuthToken?>(null);

        public ValueTask CompleteAsync(OAuthToken refreshed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
