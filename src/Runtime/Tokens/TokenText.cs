using System;

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
}
