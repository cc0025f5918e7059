using System;
using System.Security.Cryptography;

namespace OAuthGen;

/// <summary>
/// <c>oauth_body_hash</c> (the OAuth Request Body Hash extension): base64 of the body's hash, for bodies that are not
/// form-encoded and so are not covered by the signature. The hash follows the signature method (SHA-1 for *-SHA1,
/// SHA-256 for *-SHA256, SHA-512 for HMAC-SHA512); PLAINTEXT has none and gets no body hash.
/// </summary>
internal static class BodyHash
{
    public static string? Compute(SignatureMethod method, ReadOnlySpan<byte> body)
    {
        if (SignatureAlgorithms.Hash(method) is not { } algorithm) return null;
        Span<byte> hash = stackalloc byte[64];
        var length = algorithm == HashAlgorithmName.SHA1 ? SHA1.HashData(body, hash)
            : algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(body, hash)
            : SHA512.HashData(body, hash);
        return Convert.ToBase64String(hash[..length]);
    }
}
