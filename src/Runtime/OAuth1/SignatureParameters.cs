using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// The request parameters of RFC 5849 §3.4.1.3: collected from the query, a form body and the protocol parameters,
/// kept percent-encoded in the caller's (stack) buffers, duplicates and all, then sorted by encoded name and value (§3.4.1.3.2).
/// </summary>
internal ref struct SignatureParameters
{
    /// <summary>Form-urlencoded text whose names and values need neither decoding nor encoding: unreserved, '&amp;' and '='.</summary>
    private static readonly SearchValues<char> PlainFormText =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~&=");

    /// <summary>The one parameter a request carries that is not signed (§3.4.1.3.1).</summary>
    private static ReadOnlySpan<byte> SignatureName => "oauth_signature"u8;

    private AsciiBuilder _text;
    private Span<Entry> _entries;
    private Entry[]? _rentedEntries;
    private int _count;

    /// <summary>Starts in the caller's buffers (usually <see langword="stackalloc"/>); grows into pooled arrays.</summary>
    public SignatureParameters(Span<byte> text, Span<Entry> entries)
    {
        _text = new AsciiBuilder(text);
        _entries = entries;
        _rentedEntries = null;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>The encoded names and values where the entries say (a plain query keeps its separators between its pairs).</summary>
    public readonly ReadOnlySpan<byte> Text => _text.Written;

    /// <summary>Adds a decoded name and value.</summary>
    public void Add(scoped ReadOnlySpan<char> name, scoped ReadOnlySpan<char> value)
    {
        var nameStart = _text.Length;
        PercentEncoding.Encode(name, ref _text);
        var valueStart = _text.Length;
        PercentEncoding.Encode(value, ref _text);
        AddEntry(nameStart, valueStart);
    }

    /// <summary>Adds a name known to need no encoding (an <c>oauth_*</c> name) and a decoded value; returns where the encoded value is in <see cref="Text"/>.</summary>
    public TextRange AddAsciiName(scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<char> value)
    {
        var nameStart = _text.Length;
        _text.Append(name);
        var valueStart = _text.Length;
        PercentEncoding.Encode(value, ref _text);
        AddEntry(nameStart, valueStart);
        return new TextRange(valueStart, _text.Length - valueStart);
    }

    /// <summary>Appends already-encoded text without adding a pair; returns where it starts in <see cref="Text"/>.</summary>
    public int AppendEncodedText(scoped ReadOnlySpan<byte> encoded)
    {
        var start = _text.Length;
        _text.Append(encoded);
        return start;
    }

    /// <summary>Adds a pair whose encoded name and value lie back to back in <see cref="Text"/> from <paramref name="nameStart"/>.</summary>
    public void AddEncodedPair(int nameStart, int nameLength, int valueLength) =>
        AddEntry(nameStart, nameStart + nameLength, nameStart + nameLength, nameStart + nameLength + valueLength);

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
        if (!text.ContainsAnyExcept(PlainFormText))
        {
            AddPlainFormEncoded(text);
            return;
        }
        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            if (part.IsEmpty) continue;
            var equals = part.IndexOf('=');
            var nameStart = _text.Length;
            PercentEncoding.ReencodeFormComponent(equals < 0 ? part : part[..equals], ref _text);
            var valueStart = _text.Length;
            if (_text.Written[nameStart..valueStart].SequenceEqual(SignatureName))
            {
                _text.Truncate(nameStart);
                continue;
            }
            if (equals >= 0) PercentEncoding.ReencodeFormComponent(part[(equals + 1)..], ref _text);
            AddEntry(nameStart, valueStart);
        }
    }

    /// <summary>
    /// The usual query (<c>file=vacation.jpg&amp;size=original</c>): every name and value is already its own encoding, so
    /// the whole text is copied in one go and the pairs are found in the copy; the separators stay in the text between them.
    /// </summary>
    private void AddPlainFormEncoded(scoped ReadOnlySpan<char> text)
    {
        var copyStart = _text.Length;
        _text.AppendAscii(text);
        var end = _text.Length;
        for (var position = copyStart; position < end;)
        {
            var part = _text.Written[position..end];
            var ampersand = part.IndexOf((byte)'&');
            if (ampersand >= 0) part = part[..ampersand];
            var partEnd = position + part.Length;
            if (!part.IsEmpty)
            {
                var equals = part.IndexOf((byte)'=');
                var nameEnd = equals < 0 ? partEnd : position + equals;
                if (!_text.Written[position..nameEnd].SequenceEqual(SignatureName))
                {
                    var valueStart = equals < 0 ? partEnd : nameEnd + 1;
                    if (part[(valueStart - position)..].Contains((byte)'='))
                    {
                        // An '=' inside a value is data, sent as %3D: that value is encoded after the copy instead.
                        var encodedStart = _text.Length;
                        PercentEncoding.Encode(text[(valueStart - copyStart)..(partEnd - copyStart)], ref _text);
                        AddEntry(position, nameEnd, encodedStart, _text.Length);
                    }
                    else
                    {
                        AddEntry(position, nameEnd, valueStart, partEnd);
                    }
                }
            }
            position = partEnd + 1;
        }
    }

    /// <summary>Sorts by encoded name, then encoded value, in byte order (§3.4.1.3.2).</summary>
    public readonly void Sort()
    {
        var text = _text.Written;
        var entries = _entries[.._count];
        if (entries.Length > 32)
        {
            HeapSort(entries, text);
            return;
        }
        // Insertion sort: requests carry a handful of parameters, mostly in order already (see ProtocolParameters.AddTo).
        for (var i = 1; i < entries.Length; i++)
        {
            var current = entries[i];
            var j = i - 1;
            while (j >= 0 && Compare(entries[j], current, text) > 0)
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
        if (!encodeAgain)
        {
            for (var i = 0; i < _count; i++)
            {
                var entry = _entries[i];
                if (i > 0) output.Append((byte)'&');
                output.Append(text.Slice(entry.NameStart, entry.NameLength));
                output.Append((byte)'=');
                output.Append(text.Slice(entry.ValueStart, entry.ValueLength));
            }
            return;
        }
        if (_count == 0) return;
        // Already-encoded text holds only unreserved characters and '%' (plus the separators of a plain query, which are
        // not part of any name or value), so '%' is the only octet to escape again ("%25") and the length is known: one
        // capacity check for all of it.
        var percents = text.Count((byte)'%');
        var length = 2 * percents + (2 * _count - 1) * 3;
        for (var i = 0; i < _count; i++) length += _entries[i].NameLength + _entries[i].ValueLength;
        var destination = output.GetSpan(length)[..length];
        var written = 0;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            var name = text.Slice(entry.NameStart, entry.NameLength);
            var value = text.Slice(entry.ValueStart, entry.ValueLength);
            if (i > 0) written += Copy("%26"u8, destination, written);
            written += percents == 0 ? Copy(name, destination, written) : EscapePercents(name, destination, written);
            written += Copy("%3D"u8, destination, written);
            written += percents == 0 ? Copy(value, destination, written) : EscapePercents(value, destination, written);
        }
        output.Advance(written);
    }

    public void Dispose()
    {
        _text.Dispose();
        var rented = _rentedEntries;
        _entries = default;
        _rentedEntries = null;
        if (rented is not null) ArrayPool<Entry>.Shared.Return(rented);
    }

    private void AddEntry(int nameStart, int valueStart) => AddEntry(nameStart, valueStart, valueStart, _text.Length);

    private void AddEntry(int nameStart, int nameEnd, int valueStart, int valueEnd)
    {
        if (_count == _entries.Length)
        {
            var larger = ArrayPool<Entry>.Shared.Rent(Math.Max(_entries.Length * 2, 16));
            _entries[.._count].CopyTo(larger);
            if (_rentedEntries is not null) ArrayPool<Entry>.Shared.Return(_rentedEntries);
            _rentedEntries = larger;
            _entries = larger;
        }
        var name = _text.Written[nameStart..nameEnd];
        _entries[_count++] = new Entry(SortPrefix(name), nameStart, nameEnd - nameStart, valueStart, valueEnd - valueStart);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination, int offset)
    {
        source.CopyTo(destination[offset..]);
        return source.Length;
    }

    /// <summary>Copies encoded text with each '%' as "%25"; returns the bytes written.</summary>
    private static int EscapePercents(ReadOnlySpan<byte> encoded, Span<byte> destination, int offset)
    {
        var start = offset;
        while (true)
        {
            var percent = encoded.IndexOf((byte)'%');
            if (percent < 0)
            {
                encoded.CopyTo(destination[offset..]);
                return offset + encoded.Length - start;
            }
            encoded[..percent].CopyTo(destination[offset..]);
            "%25"u8.CopyTo(destination[(offset + percent)..]);
            offset += percent + 3;
            encoded = encoded[(percent + 1)..];
        }
    }

    /// <summary>
    /// The first eight bytes of an encoded name as a big-endian number (zero-padded): comparing two of these orders the
    /// names as a byte comparison would, and it tells apart every pair of <c>oauth_*</c> names in one instruction.
    /// Encoded text never holds a zero byte, so the padding sorts a shorter name first, as byte order does.
    /// </summary>
    private static ulong SortPrefix(ReadOnlySpan<byte> name)
    {
        if (name.Length >= sizeof(ulong)) return BinaryPrimitives.ReadUInt64BigEndian(name);
        var prefix = 0UL;
        for (var i = 0; i < name.Length; i++) prefix |= (ulong)name[i] << (56 - 8 * i);
        return prefix;
    }

    private static int Compare(in Entry x, in Entry y, ReadOnlySpan<byte> text)
    {
        if (x.Prefix != y.Prefix) return x.Prefix < y.Prefix ? -1 : 1;
        var byName = text.Slice(x.NameStart, x.NameLength).SequenceCompareTo(text.Slice(y.NameStart, y.NameLength));
        return byName != 0 ? byName : text.Slice(x.ValueStart, x.ValueLength).SequenceCompareTo(text.Slice(y.ValueStart, y.ValueLength));
    }

    /// <summary>For many parameters: in place, O(n log n), and no comparer delegate (the text is a span, so no closure can hold it).</summary>
    private static void HeapSort(Span<Entry> entries, ReadOnlySpan<byte> text)
    {
        for (var i = entries.Length / 2 - 1; i >= 0; i--) SiftDown(entries, i, entries.Length, text);
        for (var end = entries.Length - 1; end > 0; end--)
        {
            (entries[0], entries[end]) = (entries[end], entries[0]);
            SiftDown(entries, 0, end, text);
        }
    }

    private static void SiftDown(Span<Entry> entries, int root, int count, ReadOnlySpan<byte> text)
    {
        while (true)
        {
            var child = 2 * root + 1;
            if (child >= count) return;
            if (child + 1 < count && Compare(entries[child], entries[child + 1], text) < 0) child++;
            if (Compare(entries[root], entries[child], text) >= 0) return;
            (entries[root], entries[child]) = (entries[child], entries[root]);
            root = child;
        }
    }

    /// <summary>A stretch of <see cref="Text"/>.</summary>
    internal readonly record struct TextRange(int Start, int Length);

    /// <summary>Where one pair's encoded name and value sit in the text, and the name's sort prefix.</summary>
    internal readonly record struct Entry(ulong Prefix, int NameStart, int NameLength, int ValueStart, int ValueLength);
}
