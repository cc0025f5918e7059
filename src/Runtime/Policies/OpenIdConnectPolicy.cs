using System;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// How an OpenID Connect sign-in is checked: the id_token's clock tolerance and algorithms, the nonce, and how often the
/// signing keys (the JWKS) are read again. OpenID Connect is on for a flow whose <c>scope</c> holds <c>openid</c>. The
/// defaults are OIDC Core's rules; see docs/openid-connect.md.
/// </summary>
public sealed class OpenIdConnectPolicy
{
    /// <summary>
    /// The issuer the id_token's <c>iss</c> must name when the app has no <see cref="RemoteAppOptions.ServerMetadataUrl"/>.
    /// With discovery it is not used: the document's verified issuer is (set <see cref="DiscoveryPolicy.Issuer"/> to pin that).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>How far the id_token's <c>exp</c>, <c>nbf</c> and <c>iat</c> may be off the app's clock; 5 minutes by default.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The JWS algorithms an id_token may be signed with; RS256, PS256 and ES256 by default. <c>none</c> is never accepted.</summary>
    public IList<string> AllowedAlgorithms { get; set; } = new List<string> { "RS256", "PS256", "ES256" };

    /// <summary>
    /// Whether a <c>nonce</c> is sent with the authorization request and required in the id_token (OIDC Core §3.1.2.1,
    /// §3.1.3.7 step 11); on by default. Turn it off only for a server that drops it.
    /// </summary>
    public bool RequireNonce { get; set; } = true;

    /// <summary>
    /// How long a fetched JWKS is used before it is read again; 1 hour by default, measured on
    /// <see cref="RemoteAppOptions.TimeProvider"/>.
    /// </summary>
    public TimeSpan JwksCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two reads of the JWKS: an id_token whose <c>kid</c> is not in the cached set makes the
    /// client read the set again once (the server rotated its keys), but not more often than this, so tokens with made-up
    /// key ids cannot make it hammer the server. 1 minute by default.
    /// </summary>
    public TimeSpan JwksRefreshMinInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A copy whose list is a copy too.</summary>
    public OpenIdConnectPolicy Clone()
    {
        var copy = (OpenIdConnectPolicy)MemberwiseClone();
        copy.AllowedAlgorithms = AllowedAlgorithms is null ? null! : new List<string>(AllowedAlgorithms);
        return copy;
    }
}
