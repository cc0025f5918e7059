using System;
using System.Text;

namespace OAuthGen;

/// <summary>
/// The UTF-8 text System.Text.Json reads, from a response body as it came. Two things servers do that the span-based
/// readers refuse: a UTF-8 byte order mark in front (Windows stacks send one; the stream readers skip it, the span
/// readers do not), and a charset other than UTF-8 (RFC 8259 requires UTF-8, yet some APIs answer in UTF-16 or
/// Latin-1 and say so in Content-Type).
/// </summary>
internal static class JsonText
{
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the declared charset cannot be decoded.</exception>
    public static ReadOnlyMemory<byte> Utf8(ReadOnlyMemory<byte> body, string? charset)
    {
        if (charset is not null && ResponseBodyParser.ResponseEncoding(charset) is { CodePage: not (65001 or 20127) } encoding)
        {
            body = Encoding.UTF8.GetBytes(encoding.GetString(body.Span));
        }
        return body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
    }
}
