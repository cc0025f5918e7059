using System;
using System.Net.Http;

namespace OAuthGen;

/// <summary>
/// The one way caller-supplied headers get onto a request (<c>RequestAsync(headers:)</c>, generated <c>[Header]</c> and
/// <c>[Headers]</c> values, <see cref="RemoteAppOptions.AccessTokenHeaders"/>). Headers are added without .NET's
/// parsing, so values reach the server exactly as given; that makes the checks here the only guard against a value that
/// would end the header line and start another (header injection).
/// </summary>
internal static class RequestHeaders
{
    /// <summary>Adds a header; content headers (<c>Content-Type</c>, <c>Content-Language</c>...) go on the content.</summary>
    /// <exception cref="ArgumentException">The name is not an HTTP token or the value holds a control character.</exception>
    public static void Add(HttpRequestMessage request, string name, string value)
    {
        if (Problem(name, value) is { } problem) throw new ArgumentException(problem, nameof(name));
        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.Remove(name);
            request.Content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Why <paramref name="name"/>: <paramref name="value"/> cannot be sent, or <see langword="null"/>.</summary>
    /// <remarks>The value is never quoted: headers carry credentials.</remarks>
    public static string? Problem(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0) return "A header name must not be empty.";
        if (!IsToken(name)) return $"The header name '{Printable(name)}' is not an HTTP token (RFC 9110 §5.1): it has a space, separator or control character.";
        foreach (var c in value)
        {
            // HTAB is allowed inside field values; every other control character (CR and LF above all) is not (RFC 9110 §5.5).
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                return $"The value of header '{name}' contains a control character (CR, LF, NUL...); it would end the header line, so it is refused.";
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="value"/> is an RFC 9110 token (§5.6.2), as header names and authentication schemes are.</summary>
    public static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return false;
        foreach (var c in value)
        {
            if (!IsTokenChar(c)) return false;
        }
        return true;
    }

    /// <summary>RFC 9110 §5.6.2 tchar.</summary>
    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Printable(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        for (var i = 0; i < buffer.Length; i++) buffer[i] = text[i] is < ' ' or (char)0x7F ? '?' : text[i];
        return buffer.ToString();
    }
}
