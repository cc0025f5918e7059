using System;

namespace OAuthGen.Testing;

/// <summary>RFC 4648 §5 base64url without padding (RFC 7636 uses it for PKCE).</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
