namespace OAuthGen.Testing;

/// <summary>An OAuth 1.0a consumer registered at a <see cref="TestProvider"/>; it must sign with its one method.</summary>
public sealed record OAuth1Consumer
{
    internal OAuth1Consumer(string key, string? secret, SignatureMethod signatureMethod, string? rsaPublicKey, string? rsaPrivateKey)
    {
        Key = key;
        Secret = secret;
        SignatureMethod = signatureMethod;
        RsaPublicKey = rsaPublicKey;
        RsaPrivateKey = rsaPrivateKey;
    }

    /// <summary>The <c>oauth_consumer_key</c>.</summary>
    public string Key { get; }

    /// <summary>The consumer secret (HMAC-SHA1 and PLAINTEXT); <see langword="null"/> for RSA-SHA1.</summary>
    public string? Secret { get; }

    /// <summary>The one signature method the provider accepts from this consumer (RFC 5849 §3.4).</summary>
    public SignatureMethod SignatureMethod { get; }

    /// <summary>The PEM public key that verifies RSA-SHA1 signatures.</summary>
    public string? RsaPublicKey { get; }

    /// <summary>
    /// The PEM private key the client signs with, when the provider generated the pair; <see langword="null"/> when the
    /// test registered its own public key.
    /// </summary>
    public string? RsaPrivateKey { get; }

    /// <summary>Keeps the secrets out of test output.</summary>
    public override string ToString() => $"OAuth1Consumer {{ Key = {Key}, SignatureMethod = {SignatureMethod} }}";
}
