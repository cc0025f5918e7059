using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen;

/// <summary>The OAuth 2.0 <c>state</c> parameter (RFC 6749 §10.12): an unguessable value that binds a callback to the browser that started the flow.</summary>
internal static class AuthorizationState
{
    /// <summary>256 bits from a CSPRNG, base64url: well above RFC 6749 §10.10's 128-bit floor and safe in any URL.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Compares in constant time, so a forger cannot learn the expected state a character at a time from response timing.
    /// (Only the length can leak, and the length of a generated state is public anyway.)
    /// </summary>
    public static bool Matches(string expected, string? received) =>
        received is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(received));
}
