using System;
using System.Buffers;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// The request parameters of RFC 5849 §3.4.1.3: collected from the query, a form body and the protocol parameters,
/// kept percent-encoded in pooled memory, duplicates and all, then sorted by encoded name and value (§3.4.1.3.2).
/// </summary>
internal ref struct SignatureParameters
{
    private AsciiBuilder _text;
    private Entry[] _entries;
    private int _count;

    public SignatureParameters(int capacity)
    {
        _text = new AsciiBuilder(capacity * 24);
        _entries = ArrayPool<Entry>.Shared.Rent(capacity);
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Adds a decoded name and value.</summary>
    public void Add(scoped ReadOnlySpan<char> name, scoped ReadOnlySpan<char> value)
    {
        var nameStart = _text.Length;
        PercentEncoding.Encode(name, ref _text);
        var valueStart = _text.Length;
        PercentEncoding.Encode(value, ref _text);
        AddEntry(nameStart, valueStart);
    }

    /// <summary>Adds decoded pairs.</summary>
    public void Add(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        // An index loop over lists avoids boxing an enumerator on the signing path.
        if (pairs is IReadOnlyList<KeyValuePair<string, string>> list)
        {
            for (var i = 0; i < list.Count; i++) Add(list[i].Key, list[i].Value);
            return;
        }
        foreach (var pair in pairs) Add(pair.Key, pair.Value);
    }

    /// <summary>
    /// Adds every pair of form-urlencoded text (a query or an <c>application/x-www-form-urlencoded</c> body), decoded
    /// leniently. <c>oauth_signature</c> is left out, as §3.4.1.3.1 says.
    /// </summary>
    public void AddFormEncoded(scoped ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty && text[0] == '?') text = text[1..];
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            if (part.IsEmpty) continue;
            var equals = part.IndexOf('=');
            var nameStart = _text.Length;
            PercentEncoding.ReencodeFormComponent(equals < 0 ? part : part[..equals], ref _text);
            var valueStart = _text.Length;
            if (_text.Written[nameStart..valueStart].SequenceEqual("oauth_signature"u8))
            {
                _text.Truncate(nameStart);
                continue;
            }
            if (equals >= 0) PercentEncoding.ReencodeFormComponent(part[(equals + 1)..], ref _text);
            AddEntry(nameStart, valueStart);
        }
    }

    /// <summary>Sorts by encoded name, then encoded value, in byte order (§3.4.1.3.2).</summary>
    public readonly void Sort()
    {
        // Insertion sort: requests carry a handful of parameters, and Span.Sort would box the comparer.
        var comparer = new EntryComparer(_text.Buffer);
        var entries = _entries.AsSpan(0, _count);
        if (entries.Length > 32)
        {
            entries.Sort(comparer.Compare);
            return;
        }
        for (var i = 1; i < entries.Length; i++)
        {
            var current = entries[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(entries[j], current) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }
            entries[j + 1] = current;
        }
    }

    /// <summary>
    /// Writes <c>name=value&amp;...</c> (§3.4.1.3.2). With <paramref name="encodeAgain"/> the result is percent-encoded
    /// once more as the base string requires, without building the intermediate string.
    /// </summary>
    public readonly void WriteNormalized(ref AsciiBuilder output, bool encodeAgain)
    {
        var text = _text.Written;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (i > 0) Separator(ref output, (byte)'&', encodeAgain);
            Encoded(ref output, text.Slice(entry.NameStart, entry.NameLength), encodeAgain);
            Separator(ref output, (byte)'=', encodeAgain);
            Encoded(ref output, text.Slice(entry.ValueStart, entry.ValueLength), encodeAgain);
        }
    }

    public void Dispose()
    {
        _text.Dispose();
        var entries = _entries;
        _entries = [];
        if (entries.Length > 0) ArrayPool<Entry>.Shared.Return(entries);
    }

    private void AddEntry(int nameStart, int valueStart)
    {
        if (_count == _entries.Length)
        {
            var larger = ArrayPool<Entry>.Shared.Rent(_entries.Length * 2);
            _entries.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<Entry>.Shared.Return(_entries);
            _entries = larger;
        }
        _entries[_count++] = new Entry(nameStart, valueStart - nameStart, valueStart, _text.Length - valueStart);
    }

    private static void Separator(ref AsciiBuilder output, byte separator, bool encodeAgain)
    {
        if (encodeAgain) output.AppendEscaped(separator);
        else output.Append(separator);
    }

    private static void Encoded(ref AsciiBuilder output, ReadOnlySpan<byte> encoded, bool encodeAgain)
    {
        if (!encodeAgain)
        {
            output.Append(encoded);
            return;
        }
        // Already-encoded text holds only unreserved characters and '%', so '%' is the only octet to escape again.
        while (!encoded.IsEmpty)
        {
            var percent = encoded.IndexOf((byte)'%');
            if (percent < 0)
            {
                output.Append(encoded);
                return;
            }
            output.Append(encoded[..percent]);
            output.Append("%25"u8);
            encoded = encoded[(percent + 1)..];
        }
    }

    private readonly record struct Entry(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private readonly struct EntryComparer(byte[] text)
    {
        public int Compare(Entry x, Entry y)
        {
            var byName = text.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(text.AsSpan(y.NameStart, y.NameLength));
            return byName != 0 ? byName : text.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(text.AsSpan(y.ValueStart, y.ValueLength));
        }
    }
}
