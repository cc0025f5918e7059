using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Testing.OAuth1;

/// <summary>RFC 5849 §3.4.4: the signature is <c>enc(consumer secret)&amp;enc(token secret)</c>, compared in constant time.</summary>
internal static class PlaintextSignature
{
    public static string Compute(string consumerSecret, string? tokenSecret) =>
        $"{PercentEncoding.Encode(consumerSecret)}&{PercentEncoding.Encode(tokenSecret ?? "")}";

    public static bool Matches(string consumerSecret, string? tokenSecret, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(consumerSecret, tokenSecret)), Encoding.UTF8.GetBytes(signature));
}
