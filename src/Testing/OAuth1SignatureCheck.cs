namespace OAuthGen.Testing;

/// <summary>What the provider found when it verified an OAuth 1.0a request (RFC 5849 §3.2).</summary>
/// <param name="ConsumerKey">The <c>oauth_consumer_key</c> sent.</param>
/// <param name="SignatureMethod">The <c>oauth_signature_method</c> sent (<c>HMAC-SHA1</c>, <c>RSA-SHA1</c>, <c>PLAINTEXT</c>...).</param>
/// <param name="Transmission">Where the protocol parameters travelled: <c>header</c>, <c>query</c> or <c>body</c> (RFC 5849 §3.5).</param>
/// <param name="SignatureValid">Whether the signature matched the request as it arrived.</param>
/// <param name="Problem">The <c>oauth_problem</c> refusal, or <see langword="null"/> when accepted.</param>
public sealed record OAuth1SignatureCheck(string? ConsumerKey, string? SignatureMethod, string Transmission, bool SignatureValid, string? Problem);
