using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Shares client credentials tokens (<see cref="IRemoteApp.ClientCredentialsAsync"/>) beyond one process. Inside a
/// process a token is already requested once and reused (<see cref="TokenCachePolicy"/>); a shared cache lets a whole
/// web farm make one token request until the token nears expiry.
/// </summary>
/// <remarks>
/// The default (<see cref="InProcessClientCredentialsCache"/>) adds nothing to the process cache. <c>OAuthGen.Redis</c>
/// provides a farm-wide one. Set <see cref="RemoteAppOptions.ClientCredentialsCache"/>, or register one as a singleton
/// service for <c>AddRemoteApp</c>.
/// </remarks>
public interface IClientCredentialsCache
{
    /// <summary>
    /// Returns the shared token for <paramref name="key"/> when <paramref name="isReusable"/> accepts it; otherwise calls
    /// <paramref name="request"/> (once across everyone sharing the cache, as far as the cache can ensure) and shares
    /// its result until <see cref="CachedClientCredentials.ReuseUntil"/>.
    /// </summary>
    /// <param name="key">Identifies app, client, secret, endpoint, scope and token parameters: 64 lowercase hexadecimal
    /// characters (a SHA-256), with nothing in clear.</param>
    /// <param name="isReusable">Whether a shared token may still be handed out (judged on the app's clock and leeway).</param>
    /// <param name="request">Asks the token endpoint.</param>
    /// <param name="cancellationToken">The request's own timeout (<see cref="RemoteAppOptions.TokenRequestTimeout"/>).</param>
    /// <exception cref="OAuthException">What <paramref name="request"/> threw.</exception>
    ValueTask<CachedClientCredentials> GetOrRequestAsync(string key, Func<CachedClientCredentials, bool> isReusable,
        Func<CancellationToken, Task<CachedClientCredentials>> request, CancellationToken cancellationToken);

    /// <summary>Drops a shared token (it was revoked and must not be handed out again).</summary>
    ValueTask ForgetAsync(OAuthToken token, CancellationToken cancellationToken);
}
