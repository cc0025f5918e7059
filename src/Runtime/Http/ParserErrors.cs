using System;
using System.Text.Json;
using System.Xml;

namespace OAuthGen;

/// <summary>
/// Parser exceptions without the body text they quote. XmlException messages name elements and tokens of the document,
/// and JsonException paths name its properties; a server that echoes the request puts tokens there, and the exception
/// rides along as an inner exception into logs. What is kept is the parser's type, its reason where that quotes nothing,
/// and the position; the body itself stays in <see cref="OAuthResponse.RawData"/>.
/// </summary>
internal static class ParserErrors
{
    /// <summary><paramref name="error"/> as an exception of the same kind that quotes nothing of the body.</summary>
    public static Exception WithoutBodyText(Exception error) => error switch
    {
        // The DTD refusal is a fixed sentence; other reasons may quote element names or tokens of the body.
        XmlException xml => new XmlException(
            xml.Message.Contains("DTD", StringComparison.Ordinal)
                ? "The document has a DTD, which is prohibited (entities are never expanded)."
                : "The document is not well-formed XML.",
            null, xml.LineNumber, xml.LinePosition),
        // The text before "Path:" is the reader's or serializer's reason, and the path after it is made of the body's
        // property names. A reason that quotes ('...') quotes the body (an invalid literal can run on for a line).
        JsonException json => new JsonException(
            $"{Reason(json.Message)} (line {json.LineNumber}, byte {json.BytePositionInLine}; the JSON path is withheld).",
            null, json.LineNumber, json.BytePositionInLine),
        _ => error,
    };

    private static string Reason(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        var line = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var end = path >= 0 ? path : line >= 0 ? line : message.Length;
        var reason = message[..end].TrimEnd(' ', '|', '.');
        return reason.Contains('\'') ? "The body is not valid JSON" : reason;
    }
}
