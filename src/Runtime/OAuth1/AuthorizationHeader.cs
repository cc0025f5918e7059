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
    public static void Write(ref AsciiBuilder output, bool includeScheme, string? realm, in ProtocolParameters protocol, scoped ReadOnlySpan<byte> signature)
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
        protocol.Write(ref output, signature, headerSyntax: true);
    }
}
