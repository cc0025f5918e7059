using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuthGen.Testing;

/// <summary>Unguessable token values: 256 bits from a CSPRNG, base64url.</summary>
internal static class RandomTokens
{
    public static string New(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
