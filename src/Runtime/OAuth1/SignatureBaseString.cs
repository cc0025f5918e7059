using System;

namespace OAuthGen;

/// <summary>
/// The signature base string of RFC 5849 §3.4.1.1: the upper-case HTTP method, the base string URI and the normalized
/// parameters, each percent-encoded and joined by <c>&amp;</c>.
/// </summary>
internal static class SignatureBaseString
{
    /// <summary>Writes the base string; <paramref name="parameters"/> must already be sorted.</summary>
    public static void Write(string httpMethod, Uri uri, ref SignatureParameters parameters, ref AsciiBuilder output)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        Span<char> upper = stackalloc char[httpMethod.Length <= 32 ? httpMethod.Length : 0];
        if (upper.Length == httpMethod.Length)
        {
            httpMethod.AsSpan().ToUpperInvariant(upper);
            PercentEncoding.Encode(upper, ref output);
        }
        else
        {
            PercentEncoding.Encode(httpMethod.ToUpperInvariant(), ref output);
        }
        output.Append((byte)'&');
        BaseStringUri.WriteEncoded(uri, ref output);
        output.Append((byte)'&');
        parameters.WriteNormalized(ref output, encodeAgain: true);
    }
}
