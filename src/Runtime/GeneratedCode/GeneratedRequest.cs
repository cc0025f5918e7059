using System;
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
/// these helpers only hold the rules every client shares (escaping, bodies, headers), so they live in one place. Values
/// arrive as text, formatted for their type by <see cref="GeneratedValue"/>. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedRequest
{
    /// <summary>Escapes a formatted route value as one path segment (RFC 3986: <c>/</c> becomes <c>%2F</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null: a route cannot have a hole.</exception>
    /// <exception cref="ArgumentException">
    /// The value is empty, <c>.</c> or <c>..</c>: escaping leaves dots alone and URI normalisation removes dot segments, so
    /// <c>repos/{owner}/{repo}</c> with <c>repo = ".."</c> would send the caller's token to a different endpoint.
    /// </exception>
    public static string PathSegment(string? value, string parameterName)
    {
        if (value is null) throw new ArgumentNullException(parameterName, $"The route value '{parameterName}' must not be null.");
        if (value is "" or "." or "..")
        {
            throw new ArgumentException($"The route value '{parameterName}' must not be empty, '.' or '..': it would change which endpoint is called.", parameterName);
        }
        return Uri.EscapeDataString(value);
    }

    /// <summary>
    /// <see cref="RemoteApp.ResolveUrl"/> with the query pairs appended, RFC 3986 encoded, after any query the path already
    /// has: one URL string and one <see cref="Uri"/>, where resolving and then appending would build two of each.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="RemoteApp.ResolveUrl"/>.</exception>
    public static Uri ResolveUrl(RemoteApp app, string url, List<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        return UrlResolver.Resolve(app.Settings.BaseUrl, url, query);
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
    /// <exception cref="ArgumentException">The value holds a control character (CR, LF, NUL...), which would inject headers.</exception>
    public static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (value is null) return;
        RequestHeaders.Add(request, name, value);
    }

    private static ByteArrayContent JsonBytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(RequestData.JsonMediaType) { CharSet = "utf-8" };
        return content;
    }
}
