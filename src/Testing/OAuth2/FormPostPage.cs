using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Testing.OAuth2;

/// <summary>
/// The authorization response in <c>response_mode=form_post</c> (OAuth 2.0 Form Post Response Mode): instead of a redirect,
/// a page whose form posts the response parameters to the redirect URI, submitted by script as soon as it loads (a button
/// submits it without script). The browser's post to the client is then a cross-site request.
/// </summary>
internal static partial class FormPostPage
{
    public static Task WriteAsync(HttpContext context, string redirectUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Test provider: returning to the app</title></head>")
            .Append("<body onload=\"document.forms[0].submit()\">")
            .Append("<form method=\"post\" action=\"").Append(Encode(redirectUri)).Append("\">");
        foreach (var (name, value) in parameters)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }
        html.Append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        // The page carries a code: no cache may keep it (as for a redirect carrying one).
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    /// <summary>
    /// The target and fields of a page <see cref="WriteAsync"/> wrote, as the browser would submit them; <see langword="null"/>
    /// for any other page.
    /// </summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields)? Read(string page)
    {
        if (!page.Contains("onload=\"document.forms[0].submit()\"", StringComparison.Ordinal) || Form().Match(page) is not { Success: true } form)
        {
            return null;
        }
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInput().Matches(form.Groups["fields"].Value))
        {
            fields.Add(new(WebUtility.HtmlDecode(input.Groups["name"].Value), WebUtility.HtmlDecode(input.Groups["value"].Value)));
        }
        return (WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\">(?<fields>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
