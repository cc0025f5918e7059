using System;

namespace OAuthGen;

/// <summary>
/// The <c>Authorization: OAuth ...</c> header of RFC 5849 §3.5.1: an optional <c>realm</c> (an RFC 2617 quoted string,
/// not percent-encoded) followed by the percent-encoded protocol parameters and the signature.
/// </summary>
internal static class AuthorizationHeader
{
    public const string Scheme = "OAuth";

    /// <summary>Writes the header value; with <paramref name="includeScheme"/> it starts with <c>OAuth </c>.</summary>
    /// <param name="output">Where the value goes.</param>
    /// <param name="includeScheme">Whether to start with the scheme.</param>
    /// <param name="realm">The realm, if any.</param>
    /// <param name="protocol">The protocol parameters.</param>
    /// <param name="encodedText">The signature parameters' text, where <paramref name="encoded"/> says the encoded protocol values are.</param>
    /// <param name="encoded">What <see cref="ProtocolParameters.AddTo"/> returned.</param>
    /// <param name="signature">The signature, not yet percent-encoded.</param>
    public static void Write(ref AsciiBuilder output, bool includeScheme, string? realm, in ProtocolParameters protocol,
        scoped ReadOnlySpan<byte> encodedText, in ProtocolParameters.EncodedValues encoded, scoped ReadOnlySpan<byte> signature)
    {
        if (includeScheme) output.Append("OAuth "u8);
        if (realm is not null)
        {
            output.Append("realm=\""u8);
            foreach (var c in realm)
            {
                if (c is '"' or '\\')
                {
                    output.Append((byte)'\\');
                    output.Append((byte)c);
                }
                else if (c is >= ' ' and < (char)0x7F) output.Append((byte)c);
                else PercentEncoding.Encode(new ReadOnlySpan<char>(in c), ref output); // a header cannot carry raw control or non-ASCII characters
            }
            output.Append("\", "u8);
        }
        protocol.Write(ref output, encodedText, encoded, signature, headerSyntax: true);
    }
}
