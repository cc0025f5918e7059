using System;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen;

/// <summary>
/// The public half of a DPoP key as a JSON Web Key (RFC 7517), its JWS algorithm, and its JWK thumbprint (RFC 7638):
/// computed once per key, as every proof repeats them.
/// </summary>
internal sealed class DPoPPublicKey
{
    private DPoPPublicKey(string algorithm, string jwkJson, string thumbprint)
    {
        Algorithm = algorithm;
        JwkJson = jwkJson;
        Thumbprint = thumbprint;
    }

    /// <summary>The JWS <c>alg</c>: ES256 for a P-256 key, RS256 for RSA.</summary>
    public string Algorithm { get; }

    /// <summary>The public JWK with only its required members, in the lexicographic order RFC 7638 §3.3 hashes.</summary>
    public string JwkJson { get; }

    /// <summary>base64url(SHA-256(<see cref="JwkJson"/>)) (RFC 7638 §3): the <c>jkt</c> a server binds tokens to.</summary>
    public string Thumbprint { get; }

    /// <summary>Reads the public key of <paramref name="key"/>.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DPoPFailed"/>: not a P-256 or RSA (2048+ bits) key.</exception>
    public static DPoPPublicKey Of(AsymmetricAlgorithm key)
    {
        switch (key)
        {
            case ECDsa ec:
                var ecParameters = ec.ExportParameters(includePrivateParameters: false);
                if (ecParameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value && ecParameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
                {
                    throw Unsupported($"an EC key on a curve other than P-256 ({ecParameters.Curve.Oid?.FriendlyName ?? "unnamed"})");
                }
                return Create("ES256", Members(("crv", "P-256"), ("kty", "EC"), ("x", Base64Url(ecParameters.Q.X!)), ("y", Base64Url(ecParameters.Q.Y!))));
            case RSA rsa:
                if (rsa.KeySize < 2048) throw Unsupported($"an RSA key of {rsa.KeySize} bits (2048 or more are needed)");
                var rsaParameters = rsa.ExportParameters(includePrivateParameters: false);
                return Create("RS256", Members(("e", Base64Url(rsaParameters.Exponent!)), ("kty", "RSA"), ("n", Base64Url(rsaParameters.Modulus!))));
            default:
                throw Unsupported($"a {key.GetType().Name} key (ECDsa on P-256 or RSA are supported)");
        }
    }

    /// <summary>The thumbprint of a JWK given as its required members (RFC 7638 §3.2), for checking against published vectors.</summary>
    public static string ThumbprintOf(params (string Name, string Value)[] sortedMembers) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(Members(sortedMembers))));

    private static DPoPPublicKey Create(string algorithm, string jwkJson) =>
        new(algorithm, jwkJson, Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(jwkJson))));

    /// <summary>
    /// The JWK JSON without whitespace, members as given (callers pass them sorted). Every value is base64url or a fixed
    /// name, so none needs escaping; the hash must be over exactly these bytes (RFC 7638 §3.3).
    /// </summary>
    private static string Members(params (string Name, string Value)[] members)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in members)
        {
            if (json.Length > 1) json.Append(',');
            json.Append('"').Append(name).Append("\":\"").Append(value).Append('"');
        }
        return json.Append('}').ToString();
    }

    /// <summary>base64url without padding (RFC 7515 §2).</summary>
    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static OAuthException Unsupported(string what) => new(OAuthErrorType.DPoPFailed,
        $"RemoteAppOptions.DPoPKey is {what}; DPoP proofs are signed with ES256 (P-256) or RS256.");
}
