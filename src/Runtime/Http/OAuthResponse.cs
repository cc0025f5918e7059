using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Xml.Linq;

namespace OAuthGen;

/// <summary>
/// A provider's response with its body parsed by media type, as flask-oauthlib's <c>OAuthResponse</c>: JSON →
/// <see cref="JsonElement"/>, form → <see cref="FormData"/>, XML → <see cref="XElement"/>, anything else → <see cref="string"/>.
/// Getting one never means success: check <see cref="Status"/> or <see cref="IsSuccessStatusCode"/>.
/// </summary>
public class OAuthResponse
{
    // Parsed on first access. Not a Lazy<T>: that (and its closure) would be two more allocations on every call of
    // every generated method, most of which never look at Data. Racing first readers may both parse; all see the
    // instance published first.
    private static readonly object Unparsed = new();
    private object? _data = Unparsed;

    // Headers are copied into a dictionary on first access, from the (disposed, but still readable) response they came
    // with: generated methods rarely read them, and the copy was a tenth of every call's allocations.
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _headers;
    private readonly HttpResponseMessage? _headerSource;

    /// <summary>Creates a response; the body is parsed on first access to <see cref="Data"/>.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="headers">Response and content headers, by case-insensitive name.</param>
    /// <param name="rawData">The body bytes.</param>
    /// <param name="contentType">The media type that decides the parser (forced or from the response); <see langword="null"/> sniffs the body.</param>
    /// <param name="charset">The body's charset, if the response named one.</param>
    public OAuthResponse(HttpStatusCode status, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] rawData, string? contentType, string? charset = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rawData);
        Status = status;
        _headers = headers;
        RawData = rawData;
        ContentType = contentType;
        Charset = charset;
    }

    /// <summary>A response whose headers are read from <paramref name="source"/> when first asked for.</summary>
    internal OAuthResponse(HttpResponseMessage source, byte[] rawData, string? contentType, string? charset, int maxXmlDepth)
    {
        Status = source.StatusCode;
        _headerSource = source;
        RawData = rawData;
        ContentType = contentType;
        Charset = charset;
        MaxXmlDepth = maxXmlDepth;
    }

    /// <summary>A copy of <paramref name="response"/> that shares its headers and parsed body.</summary>
    protected OAuthResponse(OAuthResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Status = response.Status;
        _headers = response._headers;
        _headerSource = response._headerSource;
        _data = Volatile.Read(ref response._data);
        RawData = response.RawData;
        ContentType = response.ContentType;
        Charset = response.Charset;
        MaxXmlDepth = response.MaxXmlDepth;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Whether <see cref="Status"/> is 2xx.</summary>
    public bool IsSuccessStatusCode => (int)Status is >= 200 and <= 299;

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers
    {
        get
        {
            if (Volatile.Read(ref _headers) is { } headers) return headers;
            var copied = ResponseFactory.CopyHeaders(_headerSource!);
            return Interlocked.CompareExchange(ref _headers, copied, null) ?? copied;
        }
    }

    /// <summary>The media type used to parse <see cref="Data"/>, without parameters; <see langword="null"/> when the body was sniffed.</summary>
    public string? ContentType { get; }

    /// <summary>The charset the response declared, if any.</summary>
    public string? Charset { get; }

    /// <summary>The body bytes, exactly as received.</summary>
    public byte[] RawData { get; }

    /// <summary>The body as text in its declared charset (UTF-8 when none).</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the declared charset cannot be decoded here
    /// (UTF-7, or a name this runtime does not know); <see cref="RawData"/> still holds the bytes.</exception>
    public string Text => ResponseBodyParser.ResponseEncoding(Charset).GetString(RawData);

    /// <summary>How deep XML elements may nest when <see cref="Data"/> parses XML: the app's <see cref="RemoteAppOptions.MaxXmlDepth"/>.</summary>
    internal int MaxXmlDepth { get; } = RemoteAppOptions.DefaultMaxXmlDepth;

    /// <summary>
    /// The parsed body: <see cref="JsonElement"/>, <see cref="FormData"/>, <see cref="XElement"/> or <see cref="string"/>.
    /// An empty body gives an empty value of the type its media type names (an empty JSON object, empty form, empty string).
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the body does not parse as its media type,
    /// its charset cannot be decoded, or its XML nests deeper than <see cref="RemoteAppOptions.MaxXmlDepth"/>.</exception>
    public object? Data
    {
        get
        {
            var data = Volatile.Read(ref _data);
            if (!ReferenceEquals(data, Unparsed)) return data;
            var parsed = ResponseBodyParser.Parse(RawData, ContentType, Charset, MaxXmlDepth);
            var published = Interlocked.CompareExchange(ref _data, parsed, Unparsed);
            return ReferenceEquals(published, Unparsed) ? parsed : published;
        }
    }

    /// <summary>Describes the response without its body (bodies may carry tokens).</summary>
    public override string ToString() => $"OAuthResponse {{ Status = {(int)Status}, ContentType = {ContentType ?? "(sniffed)"}, Length = {RawData.Length} }}";
}

/// <summary>A response whose body was also read as a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The type the caller asked for.</typeparam>
public sealed class OAuthResponse<T> : OAuthResponse
{
    /// <summary>Wraps <paramref name="response"/> with its typed <paramref name="value"/>.</summary>
    public OAuthResponse(OAuthResponse response, T? value)
        : base(response) => Value = value;

    /// <summary>The body as <typeparamref name="T"/>; <see langword="default"/> when the status was not a success.</summary>
    public T? Value { get; }
}
