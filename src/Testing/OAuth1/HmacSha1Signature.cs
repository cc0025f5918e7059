using System;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Testing.OAuth1;

/// <summary>RFC 5849 §3.4.2: HMAC-SHA1 keyed by <c>enc(consumer secret)&amp;enc(token secret)</c>, base64.</summary>
internal static class HmacSha1Signature
{
    public static string Compute(string baseString, string consumerSecret, string? tokenSecret)
    {
        var key = $"{PercentEncoding.Encode(consumerSecret)}&{PercentEncoding.Encode(tokenSecret ?? "")}";
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(baseString)));
    }

    /// <summary>Compares in constant time, so a forger learns nothing from how fast a wrong signature is refused.</summary>
    public static bool Matches(string baseString, string consumerSecret, string? tokenSecret, string signature)
    {
        var expected = Encoding.UTF8.GetBytes(Compute(baseString, consumerSecret, tokenSecret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signature));
    }
}
