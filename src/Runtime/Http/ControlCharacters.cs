using System;

namespace OAuthGen;

/// <summary>
/// Finds Unicode control characters (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) in values that end up in HTTP
/// headers: a CR or LF there splits a header, a NUL reaches the transport, and .NET refuses to build the request.
/// </summary>
internal static class ControlCharacters
{
    /// <summary>Whether <paramref name="value"/> holds any control character.</summary>
    public static bool In(ReadOnlySpan<char> value) =>
        value.ContainsAnyInRange('\u0000', '\u001F') || value.ContainsAnyInRange('\u007F', '\u009F');
}
