using System.Security.Cryptography;
using System.Text;

namespace OAuthGen;

/// <summary>
/// A value the client issued and the provider's callback must echo unchanged: OAuth 2.0's <c>state</c>, OAuth 1.0a's
/// <c>oauth_token</c>. Compared in constant time, so a forger cannot learn the expected value a character at a time
/// from response timing (only the length can leak, and the length of a generated value is public anyway).
/// </summary>
internal static class EchoedValue
{
    public static bool Matches(string expected, string? received) =>
        received is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(received));
}
