using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.Api;

/// <summary>The protected API: <c>/api/me</c> (the user, as JSON) and <c>/api/echo</c> (what arrived, for signed bodies).</summary>
internal static class ApiEndpoints
{
    public const string BasePath = "/api";
    public const string MePath = "/api/me";
    public const string EchoPath = "/api/echo";

    public static void Map(IEndpointRouteBuilder routes, ProviderState state)
    {
        routes.MapGet(MePath, context => MeAsync(context, state));
        routes.MapMethods(EchoPath, ["GET", "POST", "PUT", "PATCH", "DELETE"], context => EchoAsync(context, state));
    }

    private static async Task MeAsync(HttpContext context, ProviderState state)
    {
        if (await ResourceAuthentication.AuthenticateAsync(context, state, requiredScope: "profile") is not { } caller) return;
        var user = state.FindUser(caller.UserId)!;
        var body = new Dictionary<string, object?>
        {
            ["id"] = user.Id,
            ["login"] = user.Login,
            ["name"] = user.Name,
            ["authenticated_with"] = caller.Protocol,
            ["scope"] = caller.Scope,
        };
        // OAuth 1.0a tokens are not scoped; OAuth 2.0 ones see the e-mail address only with the email scope.
        if (caller.Scope is null || caller.Scope.Split(' ').Contains("email")) body["email"] = user.Email;
        await ProviderHttp.WriteJsonAsync(context, 200, body);
    }

    /// <summary>Echoes the query and form fields (without credentials), so a caller can see its signed body arrived intact.</summary>
    private static async Task EchoAsync(HttpContext context, ProviderState state)
    {
        if (await ResourceAuthentication.AuthenticateAsync(context, state, requiredScope: null) is not { } caller) return;
        static bool IsCredential(KeyValuePair<string, string> pair) => pair.Key.StartsWith("oauth_", StringComparison.Ordinal) || pair.Key == "access_token";
        string? text = null;
        if (!ProviderHttp.IsForm(context.Request))
        {
            using var reader = new StreamReader(context.Request.Body);
            text = await reader.ReadToEndAsync(context.RequestAborted);
        }
        await ProviderHttp.WriteJsonAsync(context, 200, new Dictionary<string, object?>
        {
            ["user"] = state.FindUser(caller.UserId)!.Login,
            ["authenticated_with"] = caller.Protocol,
            ["method"] = context.Request.Method,
            ["query"] = ProviderHttp.Query(context).Where(pair => !IsCredential(pair)).Select(pair => new[] { pair.Key, pair.Value }),
            ["form"] = (await ProviderHttp.FormAsync(context)).Where(pair => !IsCredential(pair)).Select(pair => new[] { pair.Key, pair.Value }),
            ["body"] = string.IsNullOrEmpty(text) ? null : text,
        });
    }
}
