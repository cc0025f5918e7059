using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace OAuthGen;

/// <summary>
/// OAuth 1.0a signing (RFC 5849 §3.4) without a <see cref="RemoteApp"/>: the base string, the signature and the
/// Authorization header, for benchmarks, samples, tests and code that sends requests its own way.
/// </summary>
/// <remarks>
/// Parameters are given decoded (<c>"r b"</c>, not <c>"r%20b"</c>); this class does the RFC 3986 encoding. The request
/// URI's own query parameters are always signed too, as the RFC requires, so pass them either in the URI or in the
/// parameters, not both (a duplicate is signed twice, as it would be sent twice).
/// </remarks>
public static class OAuth1Signer
{
    /// <summary>Percent-encodes <paramref name="value"/> as RFC 5849 §3.6 says: UTF-8, unreserved kept, upper-case hex, space as <c>%20</c>.</summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return PercentEncoding.Encode(value);
    }

    /// <summary>The <c>oauth_signature_method</c> name of <paramref name="method"/> (<c>HMAC-SHA1</c>, <c>PLAINTEXT</c>...).</summary>
    public static string GetSignatureMethodName(SignatureMethod method) => SignatureAlgorithms.Name(method);

    /// <summary>
    /// The base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, default port dropped, empty path as
    /// <c>/</c>, no query or fragment.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is relative.</exception>
    public static string NormalizeBaseStringUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return BaseStringUri.Normalize(uri);
    }

    /// <summary>The normalized parameter string (RFC 5849 §3.4.1.3.2) of decoded <paramref name="parameters"/>; duplicates are kept.</summary>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var collected = new SignatureParameters(stackalloc byte[384], stackalloc SignatureParameters.Entry[16]);
        var output = new AsciiBuilder(stackalloc byte[512]);
        try
        {
            collected.Add(parameters);
            collected.Sort();
            collected.WriteNormalized(ref output, encodeAgain: false);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
            collected.Dispose();
        }
    }

    /// <summary>
    /// The signature base string (RFC 5849 §3.4.1.1) of a request: <paramref name="uri"/>'s query parameters plus
    /// <paramref name="parameters"/> (form-body parameters and the <c>oauth_*</c> protocol parameters, without
    /// <c>realm</c> and <c>oauth_signature</c>).
    /// </summary>
    /// <param name="httpMethod">The HTTP method; upper-cased.</param>
    /// <param name="uri">The absolute request URI. Messy input is accepted and re-encoded the way it goes on the wire.</param>
    /// <param name="parameters">Decoded name/value pairs; repeated names are kept.</param>
    public static string ComputeBaseString(string httpMethod, Uri uri, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(uri);
        var collected = new SignatureParameters(stackalloc byte[384], stackalloc SignatureParameters.Entry[16]);
        var output = new AsciiBuilder(stackalloc byte[768]);
        try
        {
            collected.AddFormEncoded(uri.IsAbsoluteUri ? uri.Query : "");
            if (parameters is not null) collected.Add(parameters);
            collected.Sort();
            SignatureBaseString.Write(httpMethod, uri, ref collected, ref output);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
            collected.Dispose();
        }
    }

    /// <summary>
    /// The <c>oauth_signature</c> value (not yet percent-encoded) of <paramref name="baseString"/>: base64 of the
    /// HMAC or RSA signature, or for PLAINTEXT the encoded secrets joined by <c>&amp;</c>.
    /// </summary>
    /// <param name="method">The signature method.</param>
    /// <param name="baseString">The signature base string.</param>
    /// <param name="consumerSecret">The consumer (client) secret; unused by RSA methods.</param>
    /// <param name="tokenSecret">The token secret; <see langword="null"/> or empty when there is no token.</param>
    /// <param name="rsaKeyPem">The PEM RSA private key, for RSA methods.</param>
    /// <exception cref="ArgumentException">An RSA method without a usable private key.</exception>
    public static string ComputeSignature(SignatureMethod method, string baseString, string? consumerSecret,
        string? tokenSecret = null, string? rsaKeyPem = null)
    {
        ArgumentNullException.ThrowIfNull(baseString);
        var rsaKey = RsaKeyFor(method, rsaKeyPem);
        var length = Encoding.UTF8.GetMaxByteCount(baseString.Length);
        byte[]? rented = null;
        var bytes = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var signature = new AsciiBuilder(stackalloc byte[128]);
        try
        {
            var written = Encoding.UTF8.GetBytes(baseString, bytes);
            SignatureAlgorithms.Compute(method, bytes[..written], consumerSecret, tokenSecret, rsaKey, ref signature);
            return signature.ToString();
        }
        finally
        {
            rsaKey?.Release();
            signature.Dispose();
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true); // may hold secrets
        }
    }

    /// <summary>
    /// Signs a request and returns its <c>Authorization</c> header value (<c>OAuth realm="...", oauth_consumer_key="...",
    /// ..., oauth_signature="..."</c>), RFC 5849 §3.5.1.
    /// </summary>
    /// <param name="httpMethod">The HTTP method.</param>
    /// <param name="uri">The absolute request URI; its query parameters are signed.</param>
    /// <param name="parameters">Decoded form-body parameters (only for an <c>application/x-www-form-urlencoded</c> body), or <see langword="null"/>.</param>
    /// <param name="consumerKey">The consumer key.</param>
    /// <param name="consumerSecret">The consumer secret (not needed for RSA methods).</param>
    /// <param name="token">The token (<c>oauth_token</c>), or <see langword="null"/> for none.</param>
    /// <param name="tokenSecret">The token secret.</param>
    /// <param name="nonce">The <c>oauth_nonce</c>: unique per request.</param>
    /// <param name="timestamp">The <c>oauth_timestamp</c>, seconds since the Unix epoch.</param>
    /// <param name="signatureMethod">The signature method.</param>
    /// <param name="realm">The <c>realm</c>, or <see langword="null"/> for none.</param>
    /// <param name="rsaKeyPem">The PEM RSA private key, for RSA methods.</param>
    public static string CreateAuthorizationHeader(string httpMethod, Uri uri, IEnumerable<KeyValuePair<string, string>>? parameters,
        string consumerKey, string? consumerSecret, string? token, string? tokenSecret, string nonce, long timestamp,
        SignatureMethod signatureMethod = SignatureMethod.HmacSha1, string? realm = null, string? rsaKeyPem = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URI.", nameof(uri));
        var protocol = new ProtocolParameters(consumerKey, token, signatureMethod, timestamp, nonce);
        var rsaKey = RsaKeyFor(signatureMethod, rsaKeyPem);
        try
        {
            return OAuth1Signing.Sign(httpMethod, uri, [], parameters, protocol, consumerSecret, tokenSecret, rsaKey, SignatureType.Header, realm);
        }
        finally
        {
            rsaKey?.Release();
        }
    }

    private static RsaSigningKey? RsaKeyFor(SignatureMethod method, string? rsaKeyPem)
    {
        if (!SignatureAlgorithms.UsesRsa(method)) return null;
        if (string.IsNullOrEmpty(rsaKeyPem))
        {
            throw new ArgumentException($"{SignatureAlgorithms.Name(method)} needs an RSA private key in PEM.", nameof(rsaKeyPem));
        }
        return RsaSigningKey.ForPem(rsaKeyPem);
    }
}
