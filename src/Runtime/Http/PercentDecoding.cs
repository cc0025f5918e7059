using System;
using System.Text;

namespace OAuthGen;

/// <summary>Lenient percent-decoding: UTF-8 escapes are decoded, malformed escapes are kept as text instead of throwing.</summary>
internal static class PercentDecoding
{
    public static string Decode(string text)
    {
        if (!text.Contains('%')) return text;
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
                continue;
            }
            // A surrogate pair must be encoded together or it turns into two replacement characters.
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            length += Encoding.UTF8.GetBytes(text.AsSpan(i, width), bytes.AsSpan(length));
            i += width - 1;
        }
        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
