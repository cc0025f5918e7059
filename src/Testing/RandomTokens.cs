using System;
using System.Security.Cryptography;

namespace OAuthGen.Testing;

/// <summary>Unguessable token values: 256 bits from a CSPRNG, base64url.</summary>
internal static class RandomTokens
{
    public static string New(int bytes = 32) => Base64Url.Encode(RandomNumberGenerator.GetBytes(bytes));
}

/// <summary>RFC 4648 §5 base64url without padding (RFC 7636 uses it for PKCE).</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
