using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth1;

/// <summary>
/// The OAuth 1.0a dance (RFC 5849 §2): temporary credentials, resource-owner authorization, token credentials.
/// Token endpoints accept GET and POST, as flask-oauthlib's clients use both.
/// </summary>
internal static class OAuth1Endpoints
{
    public const string RequestTokenPath = "/oauth1/request_token";
    public const string AuthorizePath = "/oauth1/authorize";
    public const string AccessTokenPath = "/oauth1/access_token";

    public static void Map(IEndpointRouteBuilder routes, ProviderState state)
    {
        routes.MapMethods(RequestTokenPath, ["GET", "POST"], context => RequestTokenAsync(context, state));
        routes.MapMethods(AuthorizePath, ["GET", "POST"], context => AuthorizeAsync(context, state));
        routes.MapMethods(AccessTokenPath, ["GET", "POST"], context => AccessTokenAsync(context, state));
    }

    /// <summary>§2.1: a signed request with <c>oauth_callback</c> and no token gets a request token.</summary>
    private static async Task RequestTokenAsync(HttpContext context, ProviderState state)
    {
        var request = await OAuth1Request.ReadAsync(context);
        if (OAuth1Verifier.Verify(request, state, (_, token) => token is null ? "" : null) is { } problem)
        {
            await OAuth1Verifier.WriteAsync(context, problem);
            return;
        }
        var callback = request["oauth_callback"];
        if (callback != "oob" && !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            await OAuth1Verifier.WriteAsync(context, new(400, "parameter_absent", "oauth_callback (an absolute URL or \"oob\") is required."));
            return;
        }
        var issued = state.IssueRequestToken(request["oauth_consumer_key"]!, callback!);
        await ProviderHttp.WriteFormAsync(context, 200,
            [new("oauth_token", issued.Token), new("oauth_token_secret", issued.Secret), new("oauth_callback_confirmed", "true")]);
    }

    /// <summary>
    /// §2.2: the user approves or denies. <c>decision=approve|deny</c> (and optionally <c>user=&lt;id&gt;</c>) decides at
    /// once, for tests without a browser; otherwise the consent page asks the signed-in user.
    /// </summary>
    private static async Task AuthorizeAsync(HttpContext context, ProviderState state)
    {
        var parameters = HttpMethods.IsGet(context.Request.Method) ? ProviderHttp.Query(context) : await ProviderHttp.FormAsync(context);
        if (state.FindRequestToken(parameters.First("oauth_token")) is not { } token)
        {
            await ProviderHttp.WriteTextAsync(context, 400, "Unknown or expired oauth_token: start the sign-in again.");
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
                await ConsentPage.WriteAsync(context, AuthorizePath, user, $"OAuth 1.0a consumer {token.ConsumerKey}", scope: null,
                    [new("oauth_token", token.Token)]);
                return;
            case "approve":
                var verifier = state.ApproveRequestToken(token, user);
                await FinishAsync(context, token, [new("oauth_token", token.Token), new("oauth_verifier", verifier)]);
                return;
            case "deny":
                state.DeleteRequestToken(token);
                // Twitter's convention: the callback gets denied=<request token> and no verifier.
                await FinishAsync(context, token, [new("denied", token.Token)]);
                return;
            default:
                await ProviderHttp.WriteTextAsync(context, 400, "decision must be approve or deny.");
                return;
        }
    }

    private static Task FinishAsync(HttpContext context, RequestToken token, List<KeyValuePair<string, string>> result)
    {
        if (token.Callback == "oob")
        {
            return ProviderHttp.WriteTextAsync(context, 200, FormEncoding.AppendQuery("", result).TrimStart('?'));
        }
        ProviderHttp.Redirect(context, FormEncoding.AppendQuery(token.Callback, result));
        return Task.CompletedTask;
    }

    /// <summary>§2.3: the request token, signed with its secret, plus the verifier, becomes an access token (once).</summary>
    private static async Task AccessTokenAsync(HttpContext context, ProviderState state)
    {
        var request = await OAuth1Request.ReadAsync(context);
        RequestToken? requestToken = null;
        var problem = OAuth1Verifier.Verify(request, state, (consumer, token) =>
        {
            requestToken = state.FindRequestToken(token);
            return requestToken?.ConsumerKey == consumer.Key ? requestToken.Secret : null;
        });
        if (problem is null && requestToken!.Verifier is null)
        {
            problem = new(401, "permission_unknown", "The user has not approved this request token yet.");
        }
        else if (problem is null && string.IsNullOrEmpty(request["oauth_verifier"]))
        {
            problem = new(400, "parameter_absent", "Missing oauth_verifier.");
        }
        if (problem is not null)
        {
            await OAuth1Verifier.WriteAsync(context, problem);
            return;
        }
        if (state.RedeemRequestToken(requestToken!, request["oauth_verifier"]) is not { } access)
        {
            await OAuth1Verifier.WriteAsync(context, new(401, "verifier_invalid", "The oauth_verifier is wrong; the request token is now void."));
            return;
        }
        var user = state.FindUser(access.UserId)!;
        await ProviderHttp.WriteFormAsync(context, 200, [new("oauth_token", access.Token), new("oauth_token_secret", access.Secret),
            new("user_id", user.Id), new("screen_name", user.Login)]);
    }
}
