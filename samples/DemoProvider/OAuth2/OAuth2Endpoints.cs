using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OAuthGen.Samples.DemoProvider.OAuth2;

/// <summary>
/// OAuth 2.0 authorization code grant with mandatory PKCE S256 (RFC 6749 §4.1, RFC 7636), refresh with rotation,
/// revocation (RFC 7009) and server metadata (RFC 8414).
/// </summary>
internal static class OAuth2Endpoints
{
    public const string AuthorizePath = "/oauth2/authorize";
    public const string TokenPath = "/oauth2/token";
    public const string RevocationPath = "/oauth2/revoke";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    /// <summary>The scopes the demo API knows; <c>profile</c> is granted when none is asked for.</summary>
    public static readonly string[] Scopes = ["profile", "email", "notes"];

    public static void Map(IEndpointRouteBuilder routes, DemoState state, DemoProviderOptions options)
    {
        routes.MapMethods(AuthorizePath, ["GET", "POST"], context => AuthorizeAsync(context, state, options));
        routes.MapPost(TokenPath, context => TokenAsync(context, state, options));
        routes.MapPost(RevocationPath, context => RevokeAsync(context, state));
        routes.MapGet(MetadataPath, MetadataAsync);
    }

    /// <summary>
    /// §4.1.1. Errors about the client or redirect URI are shown to the user and never redirected (§4.1.2.1), so the
    /// endpoint cannot be used as an open redirector; every other outcome goes back to the redirect URI with state.
    /// </summary>
    private static async Task AuthorizeAsync(HttpContext context, DemoState state, DemoProviderOptions options)
    {
        var parameters = HttpMethods.IsGet(context.Request.Method) ? DemoHttp.Query(context) : await DemoHttp.FormAsync(context);
        var clientId = parameters.First("client_id");
        if (clientId is not (DemoCredentials.OAuth2ClientId or DemoCredentials.OAuth2PublicClientId))
        {
            await DemoHttp.WriteTextAsync(context, 400, "Unknown client_id.");
            return;
        }
        var redirectUri = parameters.First("redirect_uri");
        if (redirectUri is null || !RedirectUris.IsRegistered(options.RedirectUris, redirectUri))
        {
            await DemoHttp.WriteTextAsync(context, 400, "redirect_uri is missing or not registered for this client.");
            return;
        }
        var stateValue = parameters.First("state");
        void Fail(string error, string description) => DemoHttp.Redirect(context, FormEncoding.AppendQuery(redirectUri,
            WithState([new("error", error), new("error_description", description)], stateValue)));

        var repeated = parameters.GroupBy(pair => pair.Key).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            Fail("invalid_request", $"{repeated.Key} appears more than once."); // §3.1
            return;
        }
        if (parameters.First("response_type") != "code")
        {
            Fail("unsupported_response_type", "Only response_type=code is supported.");
            return;
        }
        var challenge = parameters.First("code_challenge");
        if (challenge is null || parameters.First("code_challenge_method") != "S256")
        {
            Fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
            return;
        }
        if (!Pkce.IsValidChallenge(challenge))
        {
            Fail("invalid_request", "code_challenge is not a base64url SHA-256 value.");
            return;
        }
        var scope = parameters.First("scope") ?? "profile";
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var asked && (asked.Length == 0 || asked.Any(s => !Scopes.Contains(s))))
        {
            Fail("invalid_scope", $"Known scopes: {string.Join(" ", Scopes)}.");
            return;
        }

        switch (parameters.First("decision"))
        {
            case null when HttpMethods.IsGet(context.Request.Method):
                await ConsentPage.WriteAsync(context, AuthorizePath, clientId, scope, parameters);
                return;
            case "approve":
                var code = state.IssueCode(clientId, redirectUri, challenge, scope);
                DemoHttp.Redirect(context, FormEncoding.AppendQuery(redirectUri, WithState([new("code", code)], stateValue)));
                return;
            case "deny":
                Fail("access_denied", "The user denied the request.");
                return;
            default:
                Fail("invalid_request", "decision must be approve or deny.");
                return;
        }
    }

    /// <summary>§4.1.3 and §6: exchanges a code (with redirect_uri and code_verifier) or a refresh token.</summary>
    private static async Task TokenAsync(HttpContext context, DemoState state, DemoProviderOptions options)
    {
        if (!DemoHttp.IsForm(context.Request))
        {
            await ErrorAsync(context, 400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
            return;
        }
        var form = await DemoHttp.FormAsync(context);
        var (clientId, authError) = ClientAuthentication.Authenticate(context.Request, form);
        if (clientId is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"DemoProvider\"";
            await ErrorAsync(context, 401, "invalid_client", authError!);
            return;
        }

        (AccessGrant Access, RefreshGrant Refresh) issued;
        switch (form.First("grant_type"))
        {
            case "authorization_code":
            {
                var (code, error) = state.RedeemCode(form.First("code"));
                error ??= code!.ClientId != clientId ? "The code was issued to another client."
                    : form.First("redirect_uri") != code.RedirectUri ? "redirect_uri differs from the authorization request."
                    : !Pkce.Verify(form.First("code_verifier"), code.CodeChallenge) ? "PKCE verification failed: code_verifier does not match code_challenge."
                    : null;
                if (error is not null)
                {
                    await ErrorAsync(context, 400, "invalid_grant", error);
                    return;
                }
                issued = state.IssueTokens(clientId, code!.UserId, code.Scope, code.Family);
                break;
            }
            case "refresh_token":
            {
                var (grant, error) = state.UseRefreshToken(form.First("refresh_token"), clientId);
                if (error is not null)
                {
                    await ErrorAsync(context, 400, "invalid_grant", error);
                    return;
                }
                var scope = form.First("scope") ?? grant!.Scope;
                if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !grant!.Scope.Split(' ').Contains(s)))
                {
                    await ErrorAsync(context, 400, "invalid_scope", "A refresh may only narrow the granted scope.");
                    return;
                }
                issued = state.IssueTokens(clientId, grant!.UserId, scope, grant.Family);
                break;
            }
            case null:
                await ErrorAsync(context, 400, "invalid_request", "grant_type is missing.");
                return;
            default:
                await ErrorAsync(context, 400, "unsupported_grant_type", "Supported: authorization_code, refresh_token.");
                return;
        }
        await DemoHttp.WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["access_token"] = issued.Access.Token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = issued.Refresh.Token,
            ["scope"] = issued.Access.Scope,
        });
    }

    /// <summary>RFC 7009: answers 200 for unknown tokens too, so the endpoint reveals nothing.</summary>
    private static async Task RevokeAsync(HttpContext context, DemoState state)
    {
        var form = await DemoHttp.FormAsync(context);
        var (clientId, authError) = ClientAuthentication.Authenticate(context.Request, form);
        if (clientId is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"DemoProvider\"";
            await ErrorAsync(context, 401, "invalid_client", authError!);
            return;
        }
        if (form.First("token") is not { } token)
        {
            await ErrorAsync(context, 400, "invalid_request", "token is missing.");
            return;
        }
        state.Revoke(token, clientId);
        context.Response.StatusCode = 200;
    }

    private static Task MetadataAsync(HttpContext context)
    {
        var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
        return DemoHttp.WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + AuthorizePath,
            ["token_endpoint"] = issuer + TokenPath,
            ["revocation_endpoint"] = issuer + RevocationPath,
            ["response_types_supported"] = new[] { "code" },
            ["grant_types_supported"] = new[] { "authorization_code", "refresh_token" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["scopes_supported"] = Scopes,
        });
    }

    private static List<KeyValuePair<string, string>> WithState(List<KeyValuePair<string, string>> parameters, string? state)
    {
        // §4.1.2: state goes back exactly as received, on success and on error.
        if (state is not null) parameters.Add(new("state", state));
        return parameters;
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        DemoHttp.WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error, ["error_description"] = description });
}
