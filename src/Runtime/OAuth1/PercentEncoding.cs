using System;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OAuthGen;

/// <summary>
/// RFC 5849 §3.6 percent-encoding: text is UTF-8 encoded, the unreserved characters <c>A-Z a-z 0-9 - . _ ~</c> stay,
/// every other octet becomes <c>%XX</c> with upper-case hex. A space is <c>%20</c>, never <c>+</c>.
/// </summary>
internal static class PercentEncoding
{
    private const string UnreservedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static readonly SearchValues<char> UnreservedChars = SearchValues.Create(UnreservedCharacters);
    private static readonly SearchValues<byte> UnreservedBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"u8);

    /// <summary>Whether <paramref name="text"/> holds anything but unreserved characters.</summary>
    public static bool NeedsEncoding(scoped ReadOnlySpan<char> text) => text.ContainsAnyExcept(UnreservedChars);

    /// <summary>Encodes <paramref name="text"/> (UTF-16; lone surrogates become U+FFFD as UTF-8 encoding does).</summary>
    public static void Encode(scoped ReadOnlySpan<char> text, ref AsciiBuilder output)
    {
        var run = text.IndexOfAnyExcept(UnreservedChars);
        if (run < 0)
        {
            // The usual case (keys, tokens, nonces, digits, most names): nothing to escape.
            output.AppendAscii(text);
            return;
        }
        EncodeFrom(text, run, ref output);
    }

    /// <summary>Encodes <paramref name="text"/>, whose first <paramref name="run"/> characters are unreserved.</summary>
    private static void EncodeFrom(scoped ReadOnlySpan<char> text, int run, ref AsciiBuilder output)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            output.AppendAscii(text[..run]);
            text = text[run..];
            if (text[0] < 0x80)
            {
                output.AppendEscaped((byte)text[0]);
                text = text[1..];
            }
            else
            {
                Rune.DecodeFromUtf16(text, out var rune, out var consumed);
                var length = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < length; i++) output.AppendEscaped(utf8[i]);
                text = text[consumed..];
            }
            if (text.IsEmpty) return;
            run = text.IndexOfAnyExcept(UnreservedChars);
            if (run < 0)
            {
                output.AppendAscii(text);
                return;
            }
        }
    }

    /// <summary>Encodes UTF-8 octets.</summary>
    public static void Encode(scoped ReadOnlySpan<byte> utf8, ref AsciiBuilder output)
    {
        while (!utf8.IsEmpty)
        {
            var run = utf8.IndexOfAnyExcept(UnreservedBytes);
            if (run < 0)
            {
                output.Append(utf8);
                return;
            }
            output.Append(utf8[..run]);
            output.AppendEscaped(utf8[run]);
            utf8 = utf8[(run + 1)..];
        }
    }

    /// <summary>Encodes <paramref name="text"/> into a new string (the same string when nothing needs encoding).</summary>
    public static string Encode(string text)
    {
        if (!text.AsSpan().ContainsAnyExcept(UnreservedChars)) return text;
        var output = new AsciiBuilder(text.Length * 3);
        try
        {
            Encode(text, ref output);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>
    /// Decodes one name or value of form-urlencoded text leniently (<c>+</c> is a space; a malformed escape, a raw
    /// <c>[ ] ' $</c> or raw non-ASCII is taken as the character it is) and encodes the result per RFC 5849 §3.6.
    /// The same decoding as <see cref="FormData.Parse"/> (<see cref="PercentDecoding"/>), without allocating the decoded string.
    /// </summary>
    public static void ReencodeFormComponent(scoped ReadOnlySpan<char> raw, ref AsciiBuilder output)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            Encode(raw, ref output);
            return;
        }
        var maxBytes = PercentDecoding.MaxDecodedLength(raw.Length);
        byte[]? rented = null;
        var decoded = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = PercentDecoding.DecodeFormComponent(raw, decoded);
            var bytes = decoded[..length];
            if (Utf8.IsValid(bytes))
            {
                Encode(bytes, ref output);
            }
            else
            {
                // Escapes that are not UTF-8 decode to U+FFFD, as they do for the provider's parser (and FormData).
                Encode(Encoding.UTF8.GetString(bytes), ref output);
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true); // may hold secrets
        }
    }
}
