using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OAuthGen.Testing.Http;

/// <summary>Reading requests the way the OAuth RFCs define them (raw, ordered, repeats kept) and writing answers.</summary>
internal static class ProviderHttp
{
    public const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>The query as sent, parsed by RFC rules (ASP.NET Core's Request.Query merges repeats).</summary>
    public static List<KeyValuePair<string, string>> Query(HttpContext context) =>
        FormEncoding.Parse(context.Request.QueryString.Value?.TrimStart('?'));

    /// <summary>The form body, if the request has one (read once, then cached); empty otherwise.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FormAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ProviderHttp), out var cached)) return (List<KeyValuePair<string, string>>)cached!;
        var form = new List<KeyValuePair<string, string>>();
        if (IsForm(context.Request))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            form = FormEncoding.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        }
        context.Items[typeof(ProviderHttp)] = form;
        return form;
    }

    public static bool IsForm(HttpRequest request) =>
        MediaTypeOf(request.ContentType) is { } type && type.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The media type of a <c>Content-Type</c> value, without its parameters (<c>; charset=...</c>).</summary>
    public static string? MediaTypeOf(string? contentType) => contentType?.Split(';')[0].Trim();

    /// <summary>The path exactly as the client sent it (still percent-encoded), which is what OAuth 1.0a signs.</summary>
    public static string RawPath(HttpContext context)
    {
        // Kestrel keeps the raw request target; the in-memory server leaves it empty and keeps the escaped path instead.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.PathBase.Add(context.Request.Path).ToUriComponent();
        var query = target.IndexOf('?');
        return query < 0 ? target : target[..query];
    }

    public static Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        // Token responses must not be cached (RFC 6749 §5.1); nothing here should be.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions), context.RequestAborted);
    }

    public static Task WriteFormAsync(HttpContext context, int status, IEnumerable<KeyValuePair<string, string>> body)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = FormMediaType;
        return context.Response.WriteAsync(FormEncoding.AppendQuery("", body).TrimStart('?'), context.RequestAborted);
    }

    public static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    public static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "no-store";
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}
