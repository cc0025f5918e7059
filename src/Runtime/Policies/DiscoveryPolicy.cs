using System;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// Which server metadata documents (RFC 8414, OpenID Connect Discovery 1.0) an app trusts, and for how long. The
/// defaults are the specifications' rules; loosen them only for a server you know breaks them. See docs/protocol-checks.md.
/// </summary>
/// <remarks>
/// Plain http follows <see cref="RemoteAppOptions.AllowInsecureHttp"/> (loopback is always allowed): the document and every
/// endpoint in it need https otherwise.
/// </remarks>
public sealed class DiscoveryPolicy
{
    /// <summary>
    /// The issuer the document must name, character for character. <see langword="null"/> (the default): for a well-known
    /// URL the issuer it was built from (<c>{issuer}/.well-known/openid-configuration</c>,
    /// <c>{origin}/.well-known/oauth-authorization-server{path}</c>); for any other URL its origin
    /// (<c>https://host[:port]</c>). Set it when the document lives at another URL than its issuer implies.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Whether every endpoint must be on the issuer's host (or one of <see cref="AdditionalEndpointHosts"/>); on by default,
    /// so a document cannot send the client's credentials to a host its issuer does not name.
    /// </summary>
    public bool RequireEndpointsOnIssuerHost { get; set; } = true;

    /// <summary>Hosts besides the issuer's that endpoints may be on (compared case-insensitively, without port).</summary>
    public IList<string> AdditionalEndpointHosts { get; set; } = new List<string>();

    /// <summary>
    /// How long a fetched document is used before it is read again; 1 hour by default, measured on
    /// <see cref="RemoteAppOptions.TimeProvider"/>. A failed read is not remembered: the next call tries again.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A copy whose list is a copy too.</summary>
    public DiscoveryPolicy Clone()
    {
        var copy = (DiscoveryPolicy)MemberwiseClone();
        copy.AdditionalEndpointHosts = AdditionalEndpointHosts is null ? null! : new List<string>(AdditionalEndpointHosts);
        return copy;
    }
}
