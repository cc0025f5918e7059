using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace OAuthGen;

/// <summary>
/// An ordered <c>application/x-www-form-urlencoded</c> collection. Repeated names are kept in order, because OAuth 1.0a
/// signs every occurrence and providers send them.
/// </summary>
public sealed class FormData : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    /// <summary>Creates an empty collection.</summary>
    public FormData() => _pairs = [];

    /// <summary>Creates a collection holding <paramref name="pairs"/> in order.</summary>
    public FormData(IEnumerable<KeyValuePair<string, string>> pairs) => _pairs = [.. pairs];

    /// <summary>The first value for <paramref name="name"/>, or <see langword="null"/>.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var pair in _pairs)
            {
                if (pair.Key == name) return pair.Value;
            }
            return null;
        }
    }

    /// <inheritdoc/>
    public KeyValuePair<string, string> this[int index] => _pairs[index];

    /// <inheritdoc/>
    public int Count => _pairs.Count;

    /// <summary>Adds a pair at the end.</summary>
    public void Add(string name, string value) => _pairs.Add(new(name, value));

    /// <summary>Whether <paramref name="name"/> occurs.</summary>
    public bool Contains(string name) => this[name] is not null;

    /// <summary>Every value of <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var values = new List<string>();
        foreach (var pair in _pairs)
        {
            if (pair.Key == name) values.Add(pair.Value);
        }
        return values;
    }

    /// <summary>
    /// Parses form-urlencoded text leniently: <c>+</c> is a space, a name without <c>=</c> has an empty value, malformed
    /// escapes are kept literally, and characters such as <c>[ ] ' $</c> or non-ASCII are accepted as they are.
    /// </summary>
    public static FormData Parse(ReadOnlySpan<char> text)
    {
        var form = new FormData();
        if (text.Length > 0 && text[0] == '?') text = text[1..];
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            if (part.IsEmpty) continue;
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? [] : part[(equals + 1)..];
            form.Add(PercentDecoding.DecodeFormComponent(name), PercentDecoding.DecodeFormComponent(value));
        }
        return form;
    }

    /// <summary>
    /// Lists the field names only: forms carry codes, tokens and token secrets (token responses, callbacks), and a
    /// form that reaches a log must not carry them along. <see cref="Encode"/> gives the wire text.
    /// </summary>
    public override string ToString() => $"FormData [{string.Join(", ", _pairs.ConvertAll(pair => pair.Key))}]";

    /// <summary>Encodes as form-urlencoded text with RFC 3986 escaping (space as <c>%20</c>).</summary>
    public string Encode()
    {
        var text = new StringBuilder();
        foreach (var pair in _pairs)
        {
            if (text.Length > 0) text.Append('&');
            AppendEncoded(text, pair);
        }
        return text.ToString();
    }

    /// <summary>Appends <c>name=value</c>, both RFC 3986 escaped: the one encoding of form bodies and query pairs.</summary>
    internal static void AppendEncoded(StringBuilder text, KeyValuePair<string, string> pair) =>
        text.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
