using System.Security.Cryptography;

namespace OAuthGen;

/// <summary>
/// The default <c>oauth_nonce</c> source (RFC 5849 §3.3): 32 characters drawn from a CSPRNG, about 190 bits, so a nonce
/// never repeats for the same timestamp. Alphanumeric, so it needs no encoding anywhere.
/// </summary>
internal static class OAuth1Nonce
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 32);
}
