using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Api;
using OAuthGen.Testing.Http;
using OAuthGen.Testing.OAuth1;
using OAuthGen.Testing.OAuth2;

namespace OAuthGen.Testing;

/// <summary>
/// Wraps every request: applies the injected fault of its endpoint, buffers the answer (so a fault can rewrite or drop
/// it), and logs a <see cref="ReceivedRequest"/> with what the endpoints verified.
/// </summary>
internal sealed class ExchangeMiddleware(RequestDelegate next, FaultPlan faults, RequestLog log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = EndpointOf(context.Request.Path);
        var fault = faults.Take(endpoint);
        var record = RequestRecord.Of(context);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var lost = false;
        try
        {
            if (fault is { Kind: TestFaultKind.Slow }) await Task.Delay(fault.Delay, context.RequestAborted);
            switch (fault?.Kind)
            {
                case TestFaultKind.ServerError:
                    await ProviderHttp.WriteTextAsync(context, 500, "Internal Server Error (injected by the test).");
                    break;
                case TestFaultKind.InvalidGrant:
                    await ProviderHttp.WriteJsonAsync(context, 400, new Dictionary<string, string>
                    {
                        ["error"] = fault.Error!, ["error_description"] = "Injected by the test.",
                    });
                    break;
                case TestFaultKind.ErrorOnHttp200:
                    await ProviderHttp.WriteFormAsync(context, 200, [new("error", fault.Error!), new("error_description", "Injected by the test.")]);
                    break;
                default:
                    await next(context);
                    break;
            }
            switch (fault?.Kind)
            {
                case TestFaultKind.LostResponse:
                    lost = true;
                    context.Abort();
                    return;
                case TestFaultKind.GitHubFormToken:
                    RewriteJsonAsForm(context, buffer);
                    break;
                case TestFaultKind.WeiboTextPlain:
                    context.Response.ContentType = "text/plain;charset=UTF-8";
                    break;
            }
        }
        finally
        {
            context.Response.Body = original;
            log.Add(new ReceivedRequest
            {
                Endpoint = endpoint,
                Method = context.Request.Method,
                Path = ProviderHttp.RawPath(context),
                Query = ProviderHttp.Query(context),
                Form = Redacted(context.Items.TryGetValue(typeof(ProviderHttp), out var form) && form is List<KeyValuePair<string, string>> pairs ? pairs : []),
                AuthorizationScheme = context.Request.Headers.Authorization.ToString().Split(' ', 2)[0] is { Length: > 0 } scheme ? scheme : null,
                ContentType = context.Request.ContentType,
                ClientAuthentication = record.ClientAuthentication,
                OAuth1 = record.OAuth1,
                Pkce = record.Pkce,
                Fault = fault,
                Status = lost ? 0 : context.Response.StatusCode,
                Error = lost ? null : ErrorOf(context.Response, buffer.ToArray()),
            });
        }
        buffer.Position = 0;
        context.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Which endpoint a path belongs to.</summary>
    public static TestEndpoint EndpointOf(PathString path) => path.Value switch
    {
        OAuth1Endpoints.RequestTokenPath => TestEndpoint.OAuth1RequestToken,
        OAuth1Endpoints.AuthorizePath => TestEndpoint.OAuth1Authorize,
        OAuth1Endpoints.AccessTokenPath => TestEndpoint.OAuth1AccessToken,
        OAuth2Endpoints.AuthorizePath => TestEndpoint.OAuth2Authorize,
        OAuth2Endpoints.TokenPath => TestEndpoint.OAuth2Token,
        OAuth2Endpoints.RevocationPath => TestEndpoint.OAuth2Revocation,
        OAuth2Endpoints.MetadataPath => TestEndpoint.Metadata,
        _ when path.StartsWithSegments(ApiEndpoints.BasePath) => TestEndpoint.Api,
        _ => TestEndpoint.Unknown,
    };

    /// <summary>GitHub's default token answer: the same fields, form-encoded. Any other answer passes unchanged.</summary>
    private static void RewriteJsonAsForm(HttpContext context, MemoryStream buffer)
    {
        // Only a JSON object is rewritten. The quirk is GitHub's encoding of JSON answers, so an answer that was never
        // JSON (revocation's empty 200, an authorize redirect, an OAuth 1.0a form) stays as the endpoint wrote it: a test
        // that injects the fault for a whole flow (times: int.MaxValue) meets GitHub's behaviour, not a 500 no provider sends.
        if (ProviderHttp.MediaTypeOf(context.Response.ContentType) != "application/json") return;
        List<KeyValuePair<string, string>> fields;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object) return;
            fields = document.RootElement.EnumerateObject()
                .Select(property => new KeyValuePair<string, string>(property.Name,
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()))
                .ToList();
        }
        catch (JsonException)
        {
            return;
        }
        buffer.SetLength(0);
        buffer.Write(Encoding.UTF8.GetBytes(FormEncoding.AppendQuery("", fields).TrimStart('?')));
        context.Response.ContentType = ProviderHttp.FormMediaType + "; charset=utf-8";
    }

    /// <summary>The refusal in an answer: <c>error</c> in a redirect, a JSON or form body, or <c>oauth_problem</c>.</summary>
    private static string? ErrorOf(HttpResponse response, byte[] body)
    {
        if (response.Headers.Location.ToString() is { Length: > 0 } location && Uri.TryCreate(location, UriKind.Absolute, out var target))
        {
            return FormEncoding.Parse(target.Query.TrimStart('?')).First("error");
        }
        var text = Encoding.UTF8.GetString(body);
        var mediaType = ProviderHttp.MediaTypeOf(response.ContentType);
        if (mediaType == ProviderHttp.FormMediaType)
        {
            var form = FormEncoding.Parse(text);
            return form.First("oauth_problem") ?? form.First("error");
        }
        if (mediaType is "application/json" or "text/plain" && text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("error", out var error)) return error.ValueKind == JsonValueKind.String ? error.GetString() : "error";
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return response.StatusCode >= 400 ? $"HTTP {response.StatusCode}" : null;
    }

    private static List<KeyValuePair<string, string>> Redacted(List<KeyValuePair<string, string>> form) =>
        form.Select(pair => pair.Key == "client_secret" ? new KeyValuePair<string, string>(pair.Key, "(redacted)") : pair).ToList();
}
