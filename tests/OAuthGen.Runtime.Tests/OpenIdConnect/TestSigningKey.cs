using System;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

/// <summary>A signing key of the test server and its public JWK.</summary>
public sealed record TestSigningKey(string Kid, string Algorithm, SecurityKey Key, string PublicJwk)
{
    public static TestSigningKey Create(string algorithm, string? kid = null)
    {
        kid ??= "k-" + Guid.NewGuid().ToString("N")[..8];
        if (algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ec.ExportParameters(false);
            return new(kid, algorithm, new ECDsaSecurityKey(ec) { KeyId = kid },
                $$"""{"kty":"EC","use":"sig","crv":"P-256","kid":"{{kid}}","x":"{{Base64UrlEncoder.Encode(p.Q.X!)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y!)}}"}""");
        }
        var rsa = RSA.Create(2048);
        var r = rsa.ExportParameters(false);
        return new(kid, algorithm, new RsaSecurityKey(rsa) { KeyId = kid },
            $$"""{"kty":"RSA","use":"sig","kid":"{{kid}}","n":"{{Base64UrlEncoder.Encode(r.Modulus!)}}","e":"{{Base64UrlEncoder.Encode(r.Exponent!)}}"}""");
    }

    /// <summary>The same public key id, but another private key: its signatures do not verify with the published key.</summary>
    public TestSigningKey Impostor() => Create(Algorithm, Kid) with { PublicJwk = PublicJwk };
}
