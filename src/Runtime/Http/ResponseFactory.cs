using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace OAuthGen;

/// <summary>Builds an <see cref="OAuthResponse"/> from an <see cref="HttpResponseMessage"/> and its body.</summary>
internal static class ResponseFactory
{
    /// <param name="response">The response the headers come from.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="forcedContentType">A media type that wins over the response's own, if any.</param>
    /// <param name="maxXmlDepth">The app's <see cref="RemoteAppOptions.MaxXmlDepth"/>, for <see cref="OAuthResponse.Data"/>.</param>
    public static OAuthResponse Create(HttpResponseMessage response, byte[] body, string? forcedContentType, int maxXmlDepth)
    {
        // A forced type may carry parameters ("application/json; charset=utf-8"); only the media type picks the parser.
        var mediaType = forcedContentType is null ? response.Content.Headers.ContentType?.MediaType : MediaTypeOf(forcedContentType);
        return new OAuthResponse(response, body, mediaType, response.Content.Headers.ContentType?.CharSet, maxXmlDepth);
    }

    private static string MediaTypeOf(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return semicolon < 0 ? contentType.Trim() : contentType.AsSpan(0, semicolon).Trim().ToString();
    }

    /// <summary>Response and content headers by case-insensitive name (a content header wins over a same-named one).</summary>
    public static Dictionary<string, IReadOnlyList<string>> CopyHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        // Enumerating HttpHeaders already yields a fresh string[] per header: keep it rather than copy it again.
        foreach (var header in response.Headers) headers[header.Key] = header.Value as string[] ?? header.Value.ToArray();
        foreach (var header in response.Content.Headers) headers[header.Key] = header.Value as string[] ?? header.Value.ToArray();
        return headers;
    }
}
