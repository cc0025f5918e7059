using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OAuthGen.GeneratedCode;

/// <summary>
/// Request-building steps that generated clients call. Generated code builds each <see cref="HttpRequestMessage"/> itself;
/// these helpers only hold the rules every client shares (value formatting, escaping, bodies), so they live in one place.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedRequest
{
    /// <summary>Formats a route value and escapes it as one path segment (RFC 3986: <c>/</c> becomes <c>%2F</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null: a route cannot have a hole.</exception>
    /// <exception cref="ArgumentException">
    /// The value is empty, <c>.</c> or <c>..</c>: escaping leaves dots alone and URI normalisation removes dot segments, so
    /// <c>repos/{owner}/{repo}</c> with <c>repo = ".."</c> would send the caller's token to a different endpoint.
    /// </exception>
    public static string PathSegment(object? value, string parameterName)
    {
        if (value is null) throw new ArgumentNullException(parameterName, $"The route value '{parameterName}' must not be null.");
        var text = RequestData.FormatValue(value);
        if (text is "" or "." or "..")
        {
            throw new ArgumentException($"The route value '{parameterName}' must not be empty, '.' or '..': it would change which endpoint is called.", parameterName);
        }
        return Uri.EscapeDataString(text);
    }

    /// <summary>
    /// Adds <paramref name="value"/> under <paramref name="name"/>: nothing when it is null, one pair per item when it is a
    /// collection (repeated names, as servers expect for multi-valued query and form parameters), else one pair.
    /// </summary>
    public static void AddPairs(List<KeyValuePair<string, string>> pairs, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        switch (value)
        {
            case null:
                return;
            case string text:
                pairs.Add(new(name, text));
                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    if (item is not null) pairs.Add(new(name, RequestData.FormatValue(item)));
                }
                return;
            default:
                pairs.Add(new(name, RequestData.FormatValue(value)));
                return;
        }
    }

    /// <summary>Appends the query pairs to <paramref name="uri"/>, RFC 3986 encoded, after any query the path already has.</summary>
    public static Uri AppendQuery(Uri uri, List<KeyValuePair<string, string>> pairs) => RequestData.AppendQuery(uri, pairs);

    /// <summary>An <c>application/x-www-form-urlencoded</c> body from <c>[Field]</c> pairs.</summary>
    public static HttpContent FormContent(List<KeyValuePair<string, string>> fields, Encoding encoding) =>
        RequestData.CreateContent(fields, BodyFormat.UrlEncoded, contentType: null, encoding, jsonOptions: null);

    /// <summary>
    /// A <c>[Body]</c> the runtime knows how to send as it is: text or bytes, <see cref="HttpContent"/>, JSON elements and
    /// nodes, or name/value pairs (a form, or a JSON object).
    /// </summary>
    public static HttpContent Content(object? data, BodyFormat format, RemoteAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RequestData.CreateContent(data, format, contentType: null, options.Encoding, options.JsonSerializerOptions);
    }

    /// <summary>A JSON body serialized through source-generated metadata (AOT-safe).</summary>
    public static HttpContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonBytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
    }

    /// <summary>Adds a header; a null value adds nothing. Content headers (<c>Content-Type</c>...) go on the content.</summary>
    public static void AddHeader(HttpRequestMessage request, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (value is null) return;
        RequestHeaders.Add(request, name, RequestData.FormatValue(value));
    }

    private static ByteArrayContent JsonBytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(RequestData.JsonMediaType) { CharSet = "utf-8" };
        return content;
    }
}
