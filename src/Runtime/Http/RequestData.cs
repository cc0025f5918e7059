using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OAuthGen;

/// <summary>Turns the flask-style <c>data</c>/<c>format</c>/<c>content_type</c> arguments into query pairs or request content.</summary>
internal static class RequestData
{
    public const string FormMediaType = "application/x-www-form-urlencoded";
    public const string JsonMediaType = "application/json";

    /// <summary>Reads <paramref name="data"/> as name/value pairs, or returns <see langword="null"/> when it is not pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? AsPairs(object? data) => data switch
    {
        null => [],
        IEnumerable<KeyValuePair<string, string>> pairs => [.. pairs],
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, FormatValue(p.Value!)))],
        IEnumerable<(string Name, string Value)> tuples => [.. tuples.Select(t => new KeyValuePair<string, string>(t.Name, t.Value))],
        _ => null,
    };

    /// <summary>Formats a value the way it appears in a query or form: invariant culture, lower-case booleans.</summary>
    public static string FormatValue(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Appends pairs to the query of <paramref name="uri"/>, RFC 3986 encoded, before any fragment.</summary>
    public static Uri AppendQuery(Uri uri, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0) return uri;
        var original = uri.OriginalString;
        var fragment = original.IndexOf('#');
        var beforeFragment = fragment >= 0 ? original.AsSpan(0, fragment) : original.AsSpan();
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[QueryPairs.InitialUrlBuffer]);
        text.AppendFormatted(beforeFragment);
        QueryPairs.Append(ref text, pairs, hasQuery: beforeFragment.Contains('?'));
        if (fragment >= 0) text.AppendFormatted(original.AsSpan(fragment));
        return new Uri(text.ToStringAndClear(), UriKind.Absolute);
    }

    /// <summary>
    /// Builds the body for a non-GET request: pre-encoded text or bytes with <paramref name="contentType"/>, a form, or JSON.
    /// </summary>
    public static HttpContent CreateContent(object? data, BodyFormat format, string? contentType, Encoding encoding, JsonSerializerOptions? jsonOptions)
    {
        HttpContent content = data switch
        {
            string text => new ByteArrayContent(encoding.GetBytes(text)),
            byte[] bytes => new ByteArrayContent(bytes),
            ReadOnlyMemory<byte> memory => new ReadOnlyMemoryContent(memory),
            HttpContent ready => ready,
            _ when format == BodyFormat.Json => new ByteArrayContent(SerializeJson(data, jsonOptions)),
            _ => new ByteArrayContent(encoding.GetBytes(FormBody(data))),
        };
        if (data is not HttpContent || contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? (format == BodyFormat.Json ? JsonMediaType : FormMediaType));
        }
        return content;
    }

    public static string FormBody(object? data) =>
        new FormData(AsPairs(data) ?? throw new ArgumentException(
            $"Url-encoded data must be name/value pairs (a dictionary or a sequence of pairs), not {data!.GetType().Name}. " +
            "Use BodyFormat.Json or pass a string with a content type.", nameof(data))).Encode();

    private static byte[] SerializeJson(object? data, JsonSerializerOptions? options)
    {
        switch (data)
        {
            case null: return "{}"u8.ToArray();
            case JsonElement element: return JsonSerializer.SerializeToUtf8Bytes(element, JsonContextForNodes.Default.JsonElement);
            case JsonNode node: return Encoding.UTF8.GetBytes(node.ToJsonString());
        }
        if (AsPairs(data) is { } pairs)
        {
            var json = new JsonObject();
            foreach (var pair in pairs) json[pair.Key] = pair.Value;
            return Encoding.UTF8.GetBytes(json.ToJsonString());
        }
        // AOT-safe: the type must be known to the app's resolver (a source-generated context); no hidden reflection here.
        if (options?.TypeInfoResolver is null)
        {
            throw new ArgumentException(
                $"Cannot serialize {data.GetType().Name} to JSON: set RemoteAppOptions.JsonSerializerOptions with a TypeInfoResolver " +
                "(a JsonSerializerContext), or pass a JsonElement, JsonNode or name/value pairs.", nameof(data));
        }
        return JsonSerializer.SerializeToUtf8Bytes(data, options.GetTypeInfo(data.GetType()));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class JsonContextForNodes : System.Text.Json.Serialization.JsonSerializerContext;
