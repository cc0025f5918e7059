using System;
using System.Text;

namespace OAuthGen;

/// <summary>
/// Lenient decoding of one <c>application/x-www-form-urlencoded</c> component: <c>+</c> is a space, valid <c>%XX</c>
/// escapes are bytes, malformed escapes and characters such as <c>[ ] ' $</c> or raw non-ASCII are taken as they are.
/// Shared by <see cref="FormData.Parse"/> and the OAuth 1.0a signer, so both read a request exactly alike.
/// </summary>
internal static class PercentDecoding
{
    /// <summary>The most bytes <see cref="DecodeFormComponent(ReadOnlySpan{char}, Span{byte})"/> writes for <paramref name="length"/> characters.</summary>
    public static int MaxDecodedLength(int length) => Encoding.UTF8.GetMaxByteCount(length);

    /// <summary>Decodes into <paramref name="destination"/> (at least <see cref="MaxDecodedLength"/> bytes); returns the byte count.</summary>
    public static int DecodeFormComponent(ReadOnlySpan<char> raw, Span<byte> destination)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '+')
            {
                destination[length++] = (byte)' ';
            }
            else if (c == '%' && i + 2 < raw.Length && char.IsAsciiHexDigit(raw[i + 1]) && char.IsAsciiHexDigit(raw[i + 2]))
            {
                destination[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
            {
                destination[length++] = (byte)c;
            }
            else
            {
                // A surrogate pair is one character; a lone surrogate becomes U+FFFD, as UTF-8 encoders do.
                Rune.DecodeFromUtf16(raw[i..], out var rune, out var consumed);
                length += rune.EncodeToUtf8(destination[length..]);
                i += consumed - 1;
            }
        }
        return length;
    }

    /// <summary>Decodes to text; escapes that are not UTF-8 become U+FFFD.</summary>
    public static string DecodeFormComponent(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOfAny('+', '%') < 0) return raw.ToString();
        var bytes = new byte[MaxDecodedLength(raw.Length)];
        return Encoding.UTF8.GetString(bytes, 0, DecodeFormComponent(raw, bytes));
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
