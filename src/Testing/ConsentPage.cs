using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Testing;

/// <summary>The page a browser user sees at the authorize endpoints: who is signed in, who asks for what, and Approve / Deny.</summary>
/// <remarks>
/// A test provider's shortcut: there is no login and no CSRF token; the signed-in user is whoever the test says
/// (<see cref="TestProvider.SignedInUser"/>). A real provider authenticates the user and protects this form.
/// </remarks>
internal static class ConsentPage
{
    public static Task WriteAsync(HttpContext context, string action, TestUser user, string client, string? scope,
        IEnumerable<KeyValuePair<string, string>> hiddenFields)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Test provider: authorize</title></head><body>")
            .Append("<h1>Test provider</h1><p>Signed in as <b>").Append(Encode(user.Name)).Append("</b>.</p>")
            .Append("<p><b>").Append(Encode(client)).Append("</b> asks for access to your account")
            .Append(scope is null ? "" : $" (scope: <code>{Encode(scope)}</code>)").Append(".</p>")
            .Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        foreach (var (name, value) in hiddenFields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }
        html.Append("<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // The consent page must not be framed (clickjacking, RFC 6749 §10.13).
        context.Response.Headers.XFrameOptions = "DENY";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
