using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;

namespace OAuthGen.Samples.WebApp;

/// <summary>
/// "Sign in with ..." for any generated client: flask-oauthlib's <c>/login</c> (<c>authorize</c>) and
/// <c>/login/authorized</c> (<c>authorized_response</c>) routes, with the pending authorization in a protected cookie
/// instead of a hidden server-side session.
/// </summary>
internal static class SignInEndpoints
{
    /// <summary>The session entry naming the app the user signed in with.</summary>
    public const string SignedInApp = "signed-in-app";

    public static void MapSignIn<TClient>(this IEndpointRouteBuilder routes, string path) where TClient : class, IRemoteApp
    {
        var callbackPath = path + "/callback";

        routes.MapGet(path, async (HttpContext context, TClient client, PendingAuthorizationCookie pendingCookie, CancellationToken cancellationToken) =>
        {
            var redirect = await client.AuthorizeAsync(SamplePage.AbsoluteUrl(context, callbackPath), cancellationToken: cancellationToken);
            pendingCookie.Save(context, redirect.Pending);
            return Results.Redirect(redirect.Url.AbsoluteUri);
        });

        routes.MapGet(callbackPath, async (HttpContext context, TClient client, PendingAuthorizationCookie pendingCookie,
            SessionTokenStore tokens, CancellationToken cancellationToken) =>
        {
            if (pendingCookie.Take(context, client.Options.Name) is not { } pending)
            {
                return SamplePage.Html("Sign-in failed",
                    "<p>No sign-in was started in this browser, or it took too long. <a href=\"/\">Start again</a>.</p>", 400);
            }
            AuthorizationResult result;
            try
            {
                result = await client.AuthorizedResponseAsync(new Uri(context.Request.GetEncodedUrl()), pending, cancellationToken);
            }
            catch (OAuthException failure)
            {
                // Forged or replayed callbacks (state_mismatch, pending_authorization_used) land here; the message holds no secrets.
                return SamplePage.Html("Sign-in failed", $"<p>{SamplePage.Encode(failure.Message)}</p><p><a href=\"/\">Start again</a>.</p>", 400);
            }
            if (result.Token is not { } token)
            {
                return SamplePage.Html("Sign-in denied",
                    $"<p>You denied the request to sign in ({SamplePage.Encode(result.Error)}). <a href=\"/\">Back</a>.</p>");
            }
            await tokens.SaveAsync(new TokenRequest(client.Options.Name, null), token, cancellationToken);
            context.Session.SetString(SignedInApp, client.Options.Name);
            return Results.Redirect("/");
        });
    }
}
