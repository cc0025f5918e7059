using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The default <see cref="IClientCredentialsCache"/>: nothing beyond the process cache every app already has, so each
/// process requests its own token. A web farm shares one through <c>OAuthGen.Redis</c>.
/// </summary>
public sealed class InProcessClientCredentialsCache : IClientCredentialsCache
{
    /// <summary>The one instance; it holds no state.</summary>
    public static InProcessClientCredentialsCache Instance { get; } = new();

    private InProcessClientCredentialsCache()
    {
    }

    /// <inheritdoc/>
    public async ValueTask<CachedClientCredentials> GetOrRequestAsync(string key, Func<CachedClientCredentials, bool> isReusable,
        Func<CancellationToken, Task<CachedClientCredentials>> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await request(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask ForgetAsync(OAuthToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
