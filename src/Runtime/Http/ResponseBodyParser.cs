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

    public static object? Parse(byte[] body, string? mediaType, string? charset)
    {
        var kind = mediaType is null ? Sniff(body) : Classify(mediaType);
        try
        {
            return kind switch
            {
                BodyKind.Json => body.Length == 0 ? EmptyJsonObject : ParseJson(body, charset),
                BodyKind.Form => FormData.Parse(GetEncoding(charset).GetString(body)),
                BodyKind.Xml => body.Length == 0 ? null : ParseXml(body),
                _ => GetEncoding(charset).GetString(body),
            };
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The response body is not valid {kind} (content type {mediaType ?? "missing"}, {body.Length} bytes).", innerException: e);
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

    public static Encoding GetEncoding(string? charset)
    {
        if (charset is null) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>The body as a detached JSON element; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonElement ParseJson(byte[] body, string? charset)
    {
        using var document = JsonDocument.Parse(JsonText.Utf8(body, charset));
        return document.RootElement.Clone();
    }

    /// <summary>The body as XML with DTDs prohibited; throws <see cref="XmlException"/> when it is not XML.</summary>
    public static XElement ParseXml(byte[] body)
    {
        // DTDs are prohibited: a provider (or whoever sits in between) must not make us expand entities.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(body), settings);
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
