using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace OAuthGen;

/// <summary>
/// Writes name/value pairs as a URL query (<c>?a=1&amp;b=2</c>, RFC 3986 escaped as <see cref="FormData"/> escapes them)
/// into a URL being built. The URL is built in a stack buffer, so a request URL costs its string and its <see cref="Uri"/>
/// and nothing in between: every generated call with query parameters builds one.
/// </summary>
internal static class QueryPairs
{
    /// <summary>The stack buffer a URL starts in; longer URLs move to pooled arrays.</summary>
    public const int InitialUrlBuffer = 256;

    /// <summary>Appends the pairs, after <c>&amp;</c> when <paramref name="hasQuery"/> (the URL has a query already), else after <c>?</c>.</summary>
    public static void Append(ref DefaultInterpolatedStringHandler url, IReadOnlyList<KeyValuePair<string, string>> pairs, bool hasQuery)
    {
        // An index loop: a foreach over the interface would box the list's enumerator.
        for (var i = 0; i < pairs.Count; i++)
        {
            url.AppendFormatted(hasQuery ? "&" : "?");
            hasQuery = true;
            var pair = pairs[i];
            AppendEscaped(ref url, pair.Key);
            url.AppendFormatted("=");
            AppendEscaped(ref url, pair.Value);
        }
    }

    private static void AppendEscaped(ref DefaultInterpolatedStringHandler url, string value)
    {
        Span<char> escaped = stackalloc char[128];
        if (Uri.TryEscapeDataString(value, escaped, out var written)) url.AppendFormatted(escaped[..written]);
        else url.AppendFormatted(Uri.EscapeDataString(value));
    }
}
