using System;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuthGen;

/// <summary>
/// The OAuth 1.0a signature methods (RFC 5849 §3.4.2–3.4.4, plus the SHA-256/512 variants oauthlib supports):
/// HMAC over the base string keyed by the encoded secrets, RSASSA-PKCS1-v1_5, or PLAINTEXT (the key itself).
/// </summary>
internal static class SignatureAlgorithms
{
    /// <summary>The <c>oauth_signature_method</c> value.</summary>
    public static string Name(SignatureMethod method) => method switch
    {
        SignatureMethod.HmacSha1 => "HMAC-SHA1",
        SignatureMethod.HmacSha256 => "HMAC-SHA256",
        SignatureMethod.HmacSha512 => "HMAC-SHA512",
        SignatureMethod.RsaSha1 => "RSA-SHA1",
        SignatureMethod.RsaSha256 => "RSA-SHA256",
        SignatureMethod.Plaintext => "PLAINTEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown signature method."),
    };

    public static bool UsesRsa(SignatureMethod method) => method is SignatureMethod.RsaSha1 or SignatureMethod.RsaSha256;

    /// <summary>The hash behind a method (also the <c>oauth_body_hash</c> algorithm); <see langword="null"/> for PLAINTEXT.</summary>
    public static HashAlgorithmName? Hash(SignatureMethod method) => method switch
    {
        SignatureMethod.HmacSha1 or SignatureMethod.RsaSha1 => HashAlgorithmName.SHA1,
        SignatureMethod.HmacSha256 or SignatureMethod.RsaSha256 => HashAlgorithmName.SHA256,
        SignatureMethod.HmacSha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>Writes the signature (base64, or the PLAINTEXT key) of <paramref name="baseString"/> as ASCII.</summary>
    public static void Compute(SignatureMethod method, scoped ReadOnlySpan<byte> baseString, string? consumerSecret, string? tokenSecret,
        RsaSigningKey? rsaKey, ref AsciiBuilder output)
    {
        if (UsesRsa(method))
        {
            if (rsaKey is null) throw new ArgumentException($"{Name(method)} needs an RSA private key.", nameof(rsaKey));
            ComputeRsa(rsaKey, Hash(method)!.Value, baseString, ref output);
            return;
        }
        if (method == SignatureMethod.Plaintext)
        {
            // §3.4.4: the signature is the key itself.
            WriteKey(consumerSecret, tokenSecret, ref output);
            return;
        }
        var algorithm = Hash(method) ?? throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown signature method.");
        Span<byte> hash = stackalloc byte[64];
        var length = KeyedHmacCache.Compute(algorithm, consumerSecret, tokenSecret, baseString, hash);
        AppendBase64(hash[..length], ref output);
    }

    /// <summary>Writes the §3.4.2 key: the encoded secrets joined by <c>&amp;</c>, which stays when the token secret is empty.</summary>
    public static void WriteKey(string? consumerSecret, string? tokenSecret, ref AsciiBuilder output)
    {
        PercentEncoding.Encode(consumerSecret, ref output);
        output.Append((byte)'&');
        PercentEncoding.Encode(tokenSecret, ref output);
    }

    /// <summary>Writes <paramref name="bytes"/> as standard base64 (with padding).</summary>
    public static void AppendBase64(scoped ReadOnlySpan<byte> bytes, ref AsciiBuilder output)
    {
        var destination = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        Base64.EncodeToUtf8(bytes, destination, out _, out var written);
        output.Advance(written);
    }

    private static void ComputeRsa(RsaSigningKey key, HashAlgorithmName hash, scoped ReadOnlySpan<byte> baseString, ref AsciiBuilder output)
    {
        byte[]? rented = null;
        var signature = key.SignatureLength <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(key.SignatureLength));
        try
        {
            var length = key.Sign(baseString, signature, hash);
            AppendBase64(signature[..length], ref output);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true); // may hold secrets
        }
    }
}
