using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth2;

/// <summary>
/// OAuth 2.0 authorization code grant with mandatory PKCE (RFC 6749 §4.1, RFC 7636), answered in the query or with
/// <c>response_mode=form_post</c>, refresh with rotation, revocation (RFC 7009) and server metadata (RFC 8414).
/// </summary>
internal static class OAuth2Endpoints
{
    public const string AuthorizePath = "/oauth2/authorize";
    public const string TokenPath = "/oauth2/token";
    public const string RevocationPath = "/oauth2/revoke";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    public static void Map(IEndpointRouteBuilder routes, ProviderState state)
    {
        routes.MapMethods(AuthorizePath, ["GET", "POST"], context => AuthorizeAsync(context, state));
        routes.MapPost(TokenPath, context => TokenAsync(context, state));
        routes.MapPost(RevocationPath, context => RevokeAsync(context, state));
        routes.MapGet(MetadataPath, context => MetadataAsync(context, state));
    }

    /// <summary>
    /// §4.1.1. Errors about the client or redirect URI are shown to the user and never redirected (§4.1.2.1), so the
    /// endpoint cannot be used as an open redirector; every other outcome goes back to the redirect URI with state, in the
    /// query or, for <c>response_mode=form_post</c>, posted by the browser.
    /// </summary>
    private static async Task AuthorizeAsync(HttpContext context, ProviderState state)
    {
        var options = state.Options;
        var parameters = HttpMethods.IsGet(context.Request.Method) ? ProviderHttp.Query(context) : await ProviderHttp.FormAsync(context);
        if (state.FindClient(parameters.First("client_id")) is not { } client)
        {
            await ProviderHttp.WriteTextAsync(context, 400, "Unknown client_id.");
            return;
        }
        var redirectUri = parameters.First("redirect_uri");
        if (redirectUri is null || !RedirectUris.IsRegistered(client.RedirectUris, redirectUri))
        {
            await ProviderHttp.WriteTextAsync(context, 400, "redirect_uri is missing or not registered for this client.");
            return;
        }
        var stateValue = parameters.First("state");
        var requestedMode = parameters.First("response_mode");
        var modeSupported = ResponseMode.IsSupported(requestedMode);
        var responseMode = modeSupported ? requestedMode : null; // the error about it goes back the default way
        Task Fail(string error, string description) => ResponseMode.SendAsync(context, responseMode, redirectUri,
            WithState([new("error", error), new("error_description", description)], stateValue));

        var repeated = parameters.GroupBy(pair => pair.Key).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            await Fail("invalid_request", $"{repeated.Key} appears more than once."); // §3.1
            return;
        }
        if (!modeSupported)
        {
            await Fail("invalid_request", $"response_mode must be {ResponseMode.Query} or {ResponseMode.FormPost}.");
            return;
        }
        if (parameters.First("response_type") != "code")
        {
            await Fail("unsupported_response_type", "Only response_type=code is supported.");
            return;
        }
        var challenge = parameters.First("code_challenge");
        // RFC 7636 §4.3: no method means plain; S256 is always accepted, plain only where the client is registered for it.
        var method = parameters.First("code_challenge_method") ?? "plain";
        if (challenge is null || !(method == "S256" || (method == "plain" && client.AllowPlainPkce)))
        {
            await Fail("invalid_request", client.AllowPlainPkce
                ? "PKCE is required: send code_challenge with code_challenge_method S256 or plain."
                : "PKCE is required: send code_challenge with code_challenge_method=S256.");
            return;
        }
        if (!Pkce.IsValidChallenge(challenge, method))
        {
            await Fail("invalid_request", method == "S256" ? "code_challenge is not a base64url SHA-256 value." : "code_challenge is not a valid verifier.");
            return;
        }
        var scope = parameters.First("scope") ?? options.DefaultScope;
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var asked && (asked.Length == 0 || asked.Any(s => !options.Scopes.Contains(s))))
        {
            await Fail("invalid_scope", $"Known scopes: {string.Join(" ", options.Scopes)}.");
            return;
        }
        if (state.DecidingUser(parameters.First(TestProvider.UserParameter)) is not { } user)
        {
            await ProviderHttp.WriteTextAsync(context, 400, "No such user, or no user is signed in.");
            return;
        }

        switch (parameters.First(TestProvider.DecisionParameter))
        {
            case null when HttpMethods.IsGet(context.Request.Method):
                await ConsentPage.WriteAsync(context, AuthorizePath, user, client.ClientId, scope, parameters);
                return;
            case "approve":
                var code = state.IssueCode(client.ClientId, redirectUri, challenge, method, scope, user);
                await ResponseMode.SendAsync(context, responseMode, redirectUri, WithState([new("code", code)], stateValue));
                return;
            case "deny":
                await Fail("access_denied", "The user denied the request.");
                return;
            default:
                await Fail("invalid_request", "decision must be approve or deny.");
                return;
        }
    }

    /// <summary>§4.1.3 and §6: exchanges a code (with redirect_uri and code_verifier) or a refresh token.</summary>
    private static async Task TokenAsync(HttpContext context, ProviderState state)
    {
        var options = state.Options;
        if (!ProviderHttp.IsForm(context.Request))
        {
            await ErrorAsync(context, 400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
            return;
        }
        var form = await ProviderHttp.FormAsync(context);
        if (await AuthenticateClientAsync(context, state, form) is not { } client) return;
        var clientId = client.ClientId;

        (AccessGrant Access, RefreshGrant Refresh) issued;
        switch (form.First("grant_type"))
        {
            case "authorization_code":
            {
                var (code, error) = state.RedeemCode(form.First("code"));
                if (error is null && code!.ClientId == clientId)
                {
                    var verified = Pkce.Verify(form.First("code_verifier"), code.CodeChallenge, code.CodeChallengeMethod);
                    RequestRecord.Of(context).Pkce = new PkceCheck(code.CodeChallengeMethod, verified);
                }
                error ??= code!.ClientId != clientId ? "The code was issued to another client."
                    : form.First("redirect_uri") != code.RedirectUri ? "redirect_uri differs from the authorization request."
                    : RequestRecord.Of(context).Pkce is { Verified: false } && form.First("code_verifier") is null
                        ? "PKCE verification failed: the code was issued for a code_challenge and no code_verifier came."
                    : RequestRecord.Of(context).Pkce is { Verified: false } ? "PKCE verification failed: code_verifier does not match code_challenge."
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
                issued = state.IssueTokens(clientId, grant!.UserId, scope, grant.Family, kept: options.RotateRefreshTokens ? null : grant);
                break;
            }
            case null:
                await ErrorAsync(context, 400, "invalid_request", "grant_type is missing.");
                return;
            default:
                await ErrorAsync(context, 400, "unsupported_grant_type", "Supported: authorization_code, refresh_token.");
                return;
        }
        await ProviderHttp.WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["access_token"] = issued.Access.Token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = issued.Refresh.Token,
            ["scope"] = issued.Access.Scope,
        });
    }

    /// <summary>RFC 6749 §2.3 at the token and revocation endpoints: the client, or <see langword="null"/> after answering
    /// 401 <c>invalid_client</c> (§5.2) with a Basic challenge.</summary>
    private static async Task<OAuth2Client?> AuthenticateClientAsync(HttpContext context, ProviderState state, List<KeyValuePair<string, string>> form)
    {
        var (client, authError) = ClientAuthentication.Authenticate(context, state, form);
        if (client is not null) return client;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"TestProvider\"";
        await ErrorAsync(context, 401, "invalid_client", authError!);
        return null;
    }

    /// <summary>RFC 7009: answers 200 for unknown tokens too, so the endpoint reveals nothing.</summary>
    private static async Task RevokeAsync(HttpContext context, ProviderState state)
    {
        var form = await ProviderHttp.FormAsync(context);
        if (await AuthenticateClientAsync(context, state, form) is not { } client) return;
        if (form.First("token") is not { } token)
        {
            await ErrorAsync(context, 400, "invalid_request", "token is missing.");
            return;
        }
        state.Revoke(token, client.ClientId);
        context.Response.StatusCode = 200;
    }

    private static Task MetadataAsync(HttpContext context, ProviderState state)
    {
        var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
        return ProviderHttp.WriteJsonAsync(context, 200, new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + AuthorizePath,
            ["token_endpoint"] = issuer + TokenPath,
            ["revocation_endpoint"] = issuer + RevocationPath,
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { ResponseMode.Query, ResponseMode.FormPost },
            ["grant_types_supported"] = new[] { "authorization_code", "refresh_token" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["scopes_supported"] = state.Options.Scopes,
        });
    }

    private static List<KeyValuePair<string, string>> WithState(List<KeyValuePair<string, string>> parameters, string? state)
    {
        // §4.1.2: state goes back exactly as received, on success and on error.
        if (state is not null) parameters.Add(new("state", state));
        return parameters;
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        ProviderHttp.WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error, ["error_description"] = description });
}
