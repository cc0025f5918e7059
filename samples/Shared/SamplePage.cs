using System.Net;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples;

/// <summary>The samples' bare HTML pages (a real app uses Razor). Callers HTML-encode what they insert: see <see cref="Encode"/>.</summary>
public static class SamplePage
{
    /// <summary>A page with <paramref name="title"/> and already-encoded <paramref name="bodyHtml"/>.</summary>
    public static IResult Html(string title, string bodyHtml, int statusCode = StatusCodes.Status200OK) => Results.Content(
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Encode(title)}</title></head>" +
        $"<body><h1>{Encode(title)}</h1>{bodyHtml}</body></html>",
        "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>HTML-encodes text from users, providers or configuration.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
