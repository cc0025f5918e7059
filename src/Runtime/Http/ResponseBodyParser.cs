using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace OAuthGen;

/// <summary>Parses response bodies by media type, sniffing the body when there is none.</summary>
internal static class ResponseBodyParser
{
    private static readonly JsonElement EmptyJsonObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The body parsed as <paramref name="mediaType"/> says (sniffed when <see langword="null"/>).</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the body is not what its media type
    /// says, its charset cannot be decoded, or its XML nests deeper than <paramref name="maxXmlDepth"/>.</exception>
    public static object? Parse(byte[] body, string? mediaType, string? charset, int maxXmlDepth = RemoteAppOptions.DefaultMaxXmlDepth)
    {
        var kind = mediaType is null ? Sniff(body) : Classify(mediaType);
        try
        {
            return kind switch
            {
                BodyKind.Json => body.Length == 0 ? EmptyJsonObject : ParseJson(body, charset),
                BodyKind.Form => FormData.Parse(ResponseEncoding(charset).GetString(body)),
                BodyKind.Xml => body.Length == 0 ? null : ParseXml(body, maxXmlDepth),
                _ => ResponseEncoding(charset).GetString(body),
            };
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The response body is not valid {kind} (content type {mediaType ?? "missing"}, {body.Length} bytes).",
                innerException: ParserErrors.WithoutBodyText(e));
        }
    }

    public static BodyKind Classify(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "application/json" or "text/json" or "text/javascript" or "application/javascript" => BodyKind.Json,
        "application/x-www-form-urlencoded" => BodyKind.Form,
        "application/xml" or "text/xml" => BodyKind.Xml,
        var other when other.EndsWith("+json", StringComparison.Ordinal) => BodyKind.Json,
        var other when other.EndsWith("+xml", StringComparison.Ordinal) => BodyKind.Xml,
        _ => BodyKind.Text,
    };

    /// <summary>Without a content type: <c>{</c>/<c>[</c> is JSON, <c>&lt;</c> is XML, <c>a=b</c> is a form, else text.</summary>
    public static BodyKind Sniff(ReadOnlySpan<byte> body)
    {
        var trimmed = body;
        if (trimmed.StartsWith(Encoding.UTF8.Preamble)) trimmed = trimmed[Encoding.UTF8.Preamble.Length..];
        trimmed = trimmed.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty) return BodyKind.Text;
        return trimmed[0] switch
        {
            (byte)'{' or (byte)'[' => BodyKind.Json,
            (byte)'<' => BodyKind.Xml,
            _ when trimmed.IndexOf((byte)'=') > 0 && trimmed.IndexOfAny(" <>\n"u8) < 0 => BodyKind.Form,
            _ => BodyKind.Text,
        };
    }

    /// <summary>
    /// The encoding of a body the caller builds (a request's form): UTF-8 when none is named or the name is unknown.
    /// Lenient because the caller chose it; for what a server sends, see <see cref="ResponseEncoding"/>.
    /// </summary>
    public static Encoding GetEncoding(string? charset) => TryGetEncoding(charset) ?? Encoding.UTF8;

    /// <summary>
    /// The encoding a response declared, UTF-8 when it declared none. A charset this runtime cannot decode (unknown, or
    /// known but unavailable such as UTF-7) is refused rather than guessed: decoding it as something else would hand the
    /// caller text the server never sent.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the charset cannot be decoded.</exception>
    public static Encoding ResponseEncoding(string? charset) =>
        TryGetEncoding(charset) ?? throw new OAuthException(OAuthErrorType.InvalidResponse,
            // The charset is not quoted: it is server text, and nothing here knows the secrets to scrub from it.
            "The response declares a charset this runtime cannot decode (see OAuthResponse.Charset); its body was not read as text.");

    /// <summary>The named encoding, UTF-8 for none, or <see langword="null"/> when the name is unknown or unsupported here.</summary>
    public static Encoding? TryGetEncoding(string? charset)
    {
        // The charset JSON APIs declare, found without the encoding registry's lookup (on every typed call).
        if (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The body as a detached JSON element; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonElement ParseJson(byte[] body, string? charset)
    {
        using var document = JsonDocument.Parse(JsonText.Utf8(body, charset));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The body as XML with DTDs prohibited and elements nested at most <paramref name="maxDepth"/> levels; throws
    /// <see cref="XmlException"/> when it is not XML.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the elements nest deeper than <paramref name="maxDepth"/>.</exception>
    public static XElement ParseXml(byte[] body, int maxDepth)
    {
        // DTDs are prohibited: a provider (or whoever sits in between) must not make us expand entities (billion laughs,
        // external entities); the reader refuses the DOCTYPE before reading any of it.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        // Building an XElement tree costs more than linear time in its depth (40,000 levels took seconds), so the depth
        // is checked first by a reader pass that stops at the limit: the cost of a hostile document is then bounded by
        // the limit, that of a legitimate one is one more linear pass.
        using (var scan = XmlReader.Create(new MemoryStream(body, writable: false), settings))
        {
            while (scan.Read())
            {
                if (scan.NodeType == XmlNodeType.Element && scan.Depth >= maxDepth)
                {
                    throw new OAuthException(OAuthErrorType.InvalidResponse,
                        $"The XML response body nests elements deeper than MaxXmlDepth ({maxDepth} levels); it was not parsed.");
                }
            }
        }
        using var reader = XmlReader.Create(new MemoryStream(body, writable: false), settings);
        return XElement.Load(reader);
    }
}

/// <summary>What a response body is, for parsing.</summary>
internal enum BodyKind
{
    Text,
    Json,
    Form,
    Xml,
}
