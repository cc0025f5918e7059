using System.Collections.Generic;
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Http;
using OAuthGen.Testing.OAuth1;

namespace OAuthGen.Testing.Api;

/// <summary>Who is calling the API: an OAuth 1.0a signed request, or an OAuth 2.0 bearer token (RFC 6750).</summary>
internal sealed record Caller(string UserId, string Protocol, string? Scope);

internal static class ResourceAuthentication
{
    /// <summary>Authenticates the request, or writes the refusal and returns <see langword="null"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="state">Issued tokens.</param>
    /// <param name="requiredScope">The OAuth 2.0 scope the endpoint needs (OAuth 1.0a tokens carry no scope).</param>
    public static async Task<Caller?> AuthenticateAsync(HttpContext context, ProviderState state, string? requiredScope)
    {
        var oauth1 = await OAuth1Request.ReadAsync(context);
        if (oauth1.IsPresent)
        {
            OAuth1AccessToken? access = null;
            var problem = OAuth1Verifier.Verify(oauth1, state, (consumer, token) =>
            {
                access = state.FindOAuth1AccessToken(token);
                return access?.ConsumerKey == consumer.Key ? access.Secret : null;
            });
            if (problem is not null)
            {
                await OAuth1Verifier.WriteAsync(context, problem);
                return null;
            }
            return new Caller(access!.UserId, "oauth1", null);
        }
        return await BearerAsync(context, state, requiredScope);
    }

    /// <summary>RFC 6750 §2: the token in the header, the query or a form body, and in exactly one of them.</summary>
    private static async Task<Caller?> BearerAsync(HttpContext context, ProviderState state, string? requiredScope)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var fromHeader = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var fromQuery = ProviderHttp.Query(context).First("access_token");
        var fromBody = HttpMethods.IsGet(context.Request.Method) ? null : (await ProviderHttp.FormAsync(context)).First("access_token");
        var presented = new[] { fromHeader, fromQuery, fromBody }.Where(token => token is not null).ToList();
        if (presented.Count == 0)
        {
            return await RefuseAsync(context, 401, "Bearer realm=\"TestProvider\"", "unauthorized", "A bearer token or an OAuth 1.0a signature is required.");
        }
        if (presented.Count > 1)
        {
            return await RefuseAsync(context, 400, "Bearer realm=\"TestProvider\", error=\"invalid_request\"", "invalid_request", "Send the token one way only.");
        }
        var grant = state.FindAccessToken(presented[0]!);
        if (grant is null)
        {
            return await RefuseAsync(context, 401, "Bearer realm=\"TestProvider\", error=\"invalid_token\", error_description=\"unknown or revoked token\"", "invalid_token", "The access token is unknown or revoked.");
        }
        if (grant.ExpiresAt <= state.Options.TimeProvider.GetUtcNow())
        {
            return await RefuseAsync(context, 401, "Bearer realm=\"TestProvider\", error=\"invalid_token\", error_description=\"The access token expired\"", "invalid_token", "The access token expired: refresh it.");
        }
        if (requiredScope is not null && !grant.Scope.Split(' ').Contains(requiredScope))
        {
            return await RefuseAsync(context, 403, $"Bearer realm=\"TestProvider\", error=\"insufficient_scope\", scope=\"{requiredScope}\"", "insufficient_scope", $"This needs the {requiredScope} scope.");
        }
        return new Caller(grant.UserId, "oauth2", grant.Scope);
    }

    private static async Task<Caller?> RefuseAsync(HttpContext context, int status, string challenge, string error, string message)
    {
        context.Response.Headers.WWWAuthenticate = challenge;
        await ProviderHttp.WriteJsonAsync(context, status, new Dictionary<string, string> { ["error"] = error, ["error_description"] = message });
        return null;
    }
}
