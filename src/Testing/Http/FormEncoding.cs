using System;
using System.Collections.Generic;
using System.Text;

namespace OAuthGen.Testing.Http;

/// <summary><c>application/x-www-form-urlencoded</c> parsing as the OAuth RFCs read it, keeping order and repeats.</summary>
internal static class FormEncoding
{
    /// <summary>Parses a query (without <c>?</c>) or form body: <c>+</c> is a space, a name without <c>=</c> has an empty value.</summary>
    public static List<KeyValuePair<string, string>> Parse(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text)) return pairs;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0) continue;
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }
        return pairs;
    }

    /// <summary>The first value of <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static string? First(this List<KeyValuePair<string, string>> pairs, string name)
    {
        foreach (var pair in pairs)
        {
            if (pair.Key == name) return pair.Value;
        }
        return null;
    }

    /// <summary>Appends parameters to a URI's query, keeping what it already has (RFC 6749 §3.1.2: the query is retained).</summary>
    public static string AppendQuery(string uri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder(uri);
        var separator = uri.Contains('?') ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return text.ToString();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
