using System;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// The signing pipeline of RFC 5849 §3.4: collect the parameters, build the base string, sign it, and format the
/// protocol parameters for their place (§3.5). Everything in between lives on the stack (or in pooled arrays for
/// unusually long requests); the only string allocated is the result.
/// </summary>
internal static class OAuth1Signing
{
    /// <summary>
    /// Signs a request and returns the Authorization header value (<paramref name="placement"/> Header) or the
    /// <c>oauth_*=...&amp;oauth_signature=...</c> pairs to append to the query or form body.
    /// </summary>
    /// <param name="httpMethod">The request method.</param>
    /// <param name="uri">The absolute request URI; its query parameters are signed.</param>
    /// <param name="formBody">The body when it is <c>application/x-www-form-urlencoded</c>, else empty.</param>
    /// <param name="parameters">Further decoded parameters to sign, or <see langword="null"/>.</param>
    /// <param name="protocol">The <c>oauth_*</c> values.</param>
    /// <param name="consumerSecret">The consumer secret (HMAC and PLAINTEXT).</param>
    /// <param name="tokenSecret">The token secret, if there is a token.</param>
    /// <param name="rsaKey">The private key for RSA methods.</param>
    /// <param name="placement">Where the parameters go.</param>
    /// <param name="realm">The header's realm, if any.</param>
    public static string Sign(string httpMethod, Uri uri, ReadOnlySpan<char> formBody, IEnumerable<KeyValuePair<string, string>>? parameters,
        in ProtocolParameters protocol, string? consumerSecret, string? tokenSecret, RsaSigningKey? rsaKey,
        SignatureType placement, string? realm)
    {
        // Stack buffers sized for everyday requests; anything longer moves to pooled arrays.
        var collected = new SignatureParameters(stackalloc byte[384], stackalloc SignatureParameters.Entry[16]);
        var baseString = new AsciiBuilder(stackalloc byte[768]);
        var signature = new AsciiBuilder(stackalloc byte[128]);
        var output = new AsciiBuilder(stackalloc byte[512]);
        try
        {
            collected.AddFormEncoded(uri.Query);
            collected.AddFormEncoded(formBody);
            if (parameters is not null) collected.Add(parameters);
            protocol.AddTo(ref collected, out var encoded);
            collected.Sort();
            SignatureBaseString.Write(httpMethod, uri, ref collected, ref baseString);
            SignatureAlgorithms.Compute(protocol.SignatureMethod, baseString.Written, consumerSecret, tokenSecret, rsaKey, ref signature);
            if (placement == SignatureType.Header)
            {
                AuthorizationHeader.Write(ref output, includeScheme: true, realm, protocol, collected.Text, encoded, signature.Written);
            }
            else
            {
                protocol.Write(ref output, collected.Text, encoded, signature.Written, headerSyntax: false);
            }
            return output.ToString();
        }
        finally
        {
            output.Dispose();
            signature.Dispose();
            baseString.Dispose();
            collected.Dispose();
        }
    }
}
