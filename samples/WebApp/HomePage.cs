using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.Samples.WebApp;

/// <summary>The start page: sign-in buttons, or the signed-in user and an API call made with their token.</summary>
internal static class HomePage
{
    public static void MapHome(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            await context.Session.LoadAsync(cancellationToken);
            var app = context.Session.GetString(SignInEndpoints.SignedInApp);
            if (app is null) return SignedOut();
            try
            {
                var (protocol, me, echo) = await CallApiAsync(context.RequestServices, app, cancellationToken);
                return SamplePage.Html("OAuthGen web app",
                    $"<p>Signed in as <b>{SamplePage.Encode(me.Name)}</b> (@{SamplePage.Encode(me.Login)}, " +
                    $"{SamplePage.Encode(me.Email ?? "no e-mail shared")}) with {protocol}.</p>" +
                    $"<p>API call <code>POST api/echo</code> with your token answered:</p><pre>{SamplePage.Encode(echo.ToString())}</pre>" +
                    "<form method=\"post\" action=\"/signout\"><button type=\"submit\">Sign out</button></form>");
            }
            catch (OAuthException failure)
            {
                // The token was revoked or could not be refreshed: the user signs in again.
                await context.RequestServices.GetRequiredService<SessionTokenStore>().RemoveAsync(app, cancellationToken);
                context.Session.Remove(SignInEndpoints.SignedInApp);
                return SignedOut($"<p>Your session at the provider ended ({SamplePage.Encode(failure.Type)}); sign in again.</p>");
            }
        });

        routes.MapPost("/signout", async (HttpContext context, SessionTokenStore tokens, CancellationToken cancellationToken) =>
        {
            await context.Session.LoadAsync(cancellationToken);
            var app = context.Session.GetString(SignInEndpoints.SignedInApp);
            if (app == IDemoOAuth2.CreateOptions().Name && await tokens.GetAsync(new TokenRequest(app, null), cancellationToken) is { } token)
            {
                // Ends the grant at the provider too (RFC 7009), so a leaked copy of the token is worthless.
                try
                {
                    await context.RequestServices.GetRequiredService<IDemoOAuth2>().RevokeAsync(token, cancellationToken);
                }
                catch (OAuthException)
                {
                    // The provider could not be told; the user is still signed out here, and the token expires on its own.
                }
            }
            context.Session.Clear();
            return Results.Redirect("/");
        });
    }

    private static IResult SignedOut(string notice = "") => SamplePage.Html("OAuthGen web app", notice +
        "<p>Sign in at the demo provider:</p><ul>" +
        "<li><a href=\"/signin/oauth1\">Sign in with OAuth 1.0a</a></li>" +
        "<li><a href=\"/signin/oauth2\">Sign in with OAuth 2.0</a> (code + PKCE)</li></ul>");

    // The generated clients find the user's token in the session through the registered ITokenStore.
    private static async Task<(string Protocol, DemoProfile Me, JsonElement Echo)> CallApiAsync(System.IServiceProvider services, string app,
        CancellationToken cancellationToken)
    {
        const string message = "hello from the OAuthGen web app";
        if (app == IDemoOAuth1.CreateOptions().Name)
        {
            var api = services.GetRequiredService<IDemoOAuth1>();
            return ("OAuth 1.0a", await api.GetMeAsync(cancellationToken), await api.EchoAsync(message, cancellationToken));
        }
        var oauth2 = services.GetRequiredService<IDemoOAuth2>();
        return ("OAuth 2.0", await oauth2.GetMeAsync(cancellationToken), await oauth2.EchoAsync(message, cancellationToken));
    }
}
