using System;
using System.Buffers;

namespace OAuthGen;

/// <summary>
/// The characters an OAuth 2.0 token may hold: 1*VSCHAR (RFC 6749 Appendix A.12 for access tokens, A.17 for refresh
/// tokens), printable ASCII. One rule for tokens a server issues and tokens a caller or store supplies, so whatever the
/// token endpoint accepts can always be sent.
/// </summary>
internal static class TokenText
{
    /// <summary>Whether <paramref name="value"/> is only printable ASCII (U+0020–U+007E).</summary>
    public static bool IsVisibleAscii(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange(' ', '~');

    /// <summary>
    /// Whether <paramref name="value"/> is an RFC 6750 §2.1 b64token: letters, digits and <c>-._~+/</c>, then any <c>=</c>.
    /// Such a token after the scheme is read back by the Authorization header parser exactly as written.
    /// </summary>
    public static bool IsB64Token(ReadOnlySpan<char> value)
    {
        var end = value.TrimEnd('=').Length;
        return end > 0 && !value[..end].ContainsAnyExcept(B64TokenCharacters);
    }

    private static readonly SearchValues<char> B64TokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");
}
