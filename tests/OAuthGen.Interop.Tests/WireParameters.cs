using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OAuthGen.Interop.Tests;

/// <summary>The request parameters every interop resource test sends, and how to read them back from the peer's echo.</summary>
internal static class WireParameters
{
    /// <summary>
    /// The Twitter documentation's text (RFC 5849 signature examples), non-ASCII, a repeated name and the RFC 3986
    /// sub-delimiters that Authlib's parser chokes on: each is a classic way for two OAuth implementations to disagree.
    /// </summary>
    public static readonly KeyValuePair<string, string>[] Tricky =
    [
        new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        new("text", "☃ 日本"),
        new("a", "1"),
        new("a", "2"),
        new("chars", "'$!*()"),
    ];

    /// <summary>The <c>[name, value]</c> pairs of an echo field (<c>params</c>, <c>query</c>, <c>form</c>), order and repeats kept.</summary>
    public static List<KeyValuePair<string, string>> Pairs(JsonElement array) =>
        [.. array.EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!))];
}
