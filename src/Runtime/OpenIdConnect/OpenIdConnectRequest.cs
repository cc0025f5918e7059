using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen;

/// <summary>
/// What OpenID Connect adds to the authorization request: it is on when the requested scope holds <c>openid</c> (as in
/// Authlib and OIDC Core §3.1.2.1), and then a <c>nonce</c> binds the id_token to this flow.
/// </summary>
internal static class OpenIdConnectRequest
{
    /// <summary>Whether the space-separated <paramref name="scope"/> holds the <c>openid</c> scope value (case-sensitive, RFC 6749 §3.3).</summary>
    public static bool AsksForOpenId(string? scope) =>
        scope is not null && scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal);

    /// <summary>
    /// The nonce to send, or <see langword="null"/> for a plain OAuth 2.0 flow: one the caller gave (its call parameters
    /// ), else a 256-bit CSPRNG value when
    /// <see cref="OpenIdConnectPolicy.RequireNonce"/> is on.
    /// </summary>
    /// <exception cref="ArgumentException">A given nonce is empty.</exception>
    public static string? Nonce(RemoteAppOptions options, string? scope, IDictionary<string, string> configured,
        IReadOnlyList<KeyValuePair<string, string>> call)
    {
        if (!AsksForOpenId(scope)) return null;
        // Only a nonce given for this call: a configured one would be the same for every flow, which is no nonce at all.
        var given = call.FirstOrDefault(p => p.Key == "nonce").Value;
        if (given is { Length: 0 }) throw new ArgumentException("The nonce must not be empty.", "parameters");
        return given ?? (options.OpenIdConnectPolicy.RequireNonce ? AuthorizationState.Generate() : null);
    }
}
