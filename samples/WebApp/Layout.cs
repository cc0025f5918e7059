using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples.WebApp;

/// <summary>The page frame: viewport, a little CSS, and a header with the signed-in user and sign-out (a real app uses Razor).</summary>
internal static class Layout
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;background:#f6f8fa;line-height:1.5}" +
        "header{background:#24292f;color:#fff;padding:.75rem 1.25rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}" +
        "header a{color:#fff;text-decoration:none;font-weight:600}header .who{margin-left:auto}" +
        "header form{margin:0}header button{background:none;border:1px solid #8c959f;color:#fff;border-radius:6px;padding:.2rem .7rem;cursor:pointer}" +
        "main{max-width:46rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}" +
        "h1{margin-top:0;font-size:1.5rem}.choices{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}" +
        ".button{display:inline-block;background:#1f883d;color:#fff;padding:.5rem 1rem;border-radius:6px;text-decoration:none;font-weight:600}" +
        "pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;overflow-x:auto;font-size:.85rem}" +
        ".notice{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.5rem .75rem}.hint{color:#59636e;font-size:.9rem}";

    /// <summary>A page titled <paramref name="title"/> around <paramref name="bodyHtml"/>, which the caller has HTML-encoded.</summary>
    public static IResult Page(string title, HttpContext context, string bodyHtml, int statusCode = StatusCodes.Status200OK)
    {
        var user = context.User.Identity is { IsAuthenticated: true } identity
            ? $"<span class=\"who\" id=\"who\">{Encode(identity.Name)}</span>" +
              "<form method=\"post\" action=\"/signout\"><button type=\"submit\" id=\"signout\">Sign out</button></form>"
            : "";
        return Results.Content(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{Encode(title)} · OAuthGen web app</title><style>{Style}</style></head><body>" +
            $"<header><a href=\"/\">OAuthGen web app</a>{(user.Length > 0 ? "<a href=\"/profile\">Profile</a>" : "")}{user}</header>" +
            $"<main><h1>{Encode(title)}</h1>{bodyHtml}</main></body></html>",
            "text/html; charset=utf-8", statusCode: statusCode);
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
