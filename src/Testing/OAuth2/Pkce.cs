using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Testing.OAuth2;

/// <summary>RFC 7636 (PKCE): <c>S256</c> is <c>BASE64URL(SHA256(ASCII(code_verifier)))</c>; <c>plain</c> is the verifier itself.</summary>
internal static class Pkce
{
    /// <summary>§4.1: 43 to 128 characters of <c>A-Z a-z 0-9 - . _ ~</c>.</summary>
    public static bool IsValidVerifier(string? verifier) => verifier is { Length: >= 43 and <= 128 } && IsUnreserved(verifier);

    /// <summary>An S256 challenge is a base64url SHA-256 (43 characters); a plain one is a verifier.</summary>
    public static bool IsValidChallenge(string? challenge, string method = "S256") =>
        method == "plain" ? IsValidVerifier(challenge) : challenge is { Length: 43 } && IsUnreserved(challenge);

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>§4.6, compared in constant time.</summary>
    public static bool Verify(string? verifier, string challenge, string method = "S256") =>
        IsValidVerifier(verifier) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(method == "plain" ? verifier! : Challenge(verifier!)), Encoding.ASCII.GetBytes(challenge));

    private static bool IsUnreserved(string text)
    {
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~')) return false;
        }
        return true;
    }
}
