using System;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.AspNetCore;

namespace OAuthGen.Samples.WebApp;

/// <summary>The site's pages: sign-in choices, the signed-in profile with an API call made as the user, and sign-out.</summary>
internal static class Pages
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The demo API's user as claims (the <c>MapUser</c> of both schemes).</summary>
    public static void UserClaims(DemoProfile user, RemoteAppClaims claims)
    {
        claims.Id = user.Id;
        claims.Name = user.Login;
        claims.Email = user.Email;
        claims.Add(ClaimTypes.GivenName, user.Name);
    }

    public static void MapPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context, string? returnUrl) => context.User.Identity?.IsAuthenticated == true
            ? Results.Redirect("/profile")
            : Layout.Page("Sign in", context,
                "<p>Sign in at the demo provider that runs inside this app. Either protocol ends at the same profile page.</p>" +
                "<div class=\"choices\">" +
                $"<a class=\"button\" id=\"signin-oauth1\" href=\"/signin/oauth1{ReturnQuery(returnUrl)}\">Sign in with OAuth 1.0a</a>" +
                $"<a class=\"button\" id=\"signin-oauth2\" href=\"/signin/oauth2{ReturnQuery(returnUrl)}\">Sign in with OAuth 2.0</a>" +
                "</div><p class=\"hint\">OAuth 2.0 uses the authorization code with PKCE, short-lived access tokens and refresh.</p>"));

        // Challenge: the scheme sends the browser to the provider and, at /signin-demo-oauth*, signs the user in.
        routes.MapGet("/signin/{protocol}", (string protocol, string? returnUrl) => protocol is "oauth1" or "oauth2"
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOr(returnUrl, "/profile") }, ["demo-" + protocol])
            : Results.NotFound());

        routes.MapGet("/profile", ProfileAsync).RequireAuthorization();

        // Signing out of the cookie also revokes an OAuth 2.0 grant at the provider (the scheme hooks sign-out).
        routes.MapPost("/signout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme]));

        routes.MapGet("/denied", (HttpContext context) => Layout.Page("Sign-in denied", context,
            "<p class=\"notice\" id=\"denied\">You denied the request to sign in; nothing was shared.</p><p><a href=\"/\">Start again</a></p>",
            StatusCodes.Status403Forbidden));

        routes.MapGet("/failed", (HttpContext context, string? error) => Layout.Page("Sign-in failed", context,
            $"<p class=\"notice\" id=\"failed\" data-error=\"{Encode(error)}\">{Encode(FailureText(error))}</p><p><a href=\"/\">Start again</a></p>",
            StatusCodes.Status400BadRequest));
    }

    private static async Task<IResult> ProfileAsync(HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var user = context.User;
        var scheme = user.Identity!.AuthenticationType;
        const string message = "hello from the OAuthGen web app";
        try
        {
            // The generated clients find the signed-in user's token themselves, and refresh it when it has expired.
            var (protocol, echo) = scheme == "demo-oauth1"
                ? ("OAuth 1.0a", await services.GetRequiredService<IDemoOAuth1>().EchoAsync(message, cancellationToken))
                : ("OAuth 2.0", await services.GetRequiredService<IDemoOAuth2>().EchoAsync(message, cancellationToken));
            var expiresAt = await context.GetTokenAsync("expires_at");
            return Layout.Page("Profile", context,
                $"<p id=\"user\">Signed in as <b>{Encode(user.FindFirstValue(ClaimTypes.GivenName))}</b> " +
                $"(@{Encode(user.Identity.Name)}, {Encode(user.FindFirstValue(ClaimTypes.Email) ?? "no e-mail shared")}) with {protocol}.</p>" +
                "<h2>An API call made as you</h2>" +
                $"<p><code>POST api/echo</code> with your token answered:</p><pre id=\"echo\">{Encode(JsonSerializer.Serialize(echo, Indented))}</pre>" +
                (expiresAt is null ? "" : $"<p class=\"hint\">Your access token expires at <span id=\"expires\">{Encode(Time(expiresAt))}</span>; " +
                    "reload after that and it is refreshed.</p>"));
        }
        catch (OAuthException failure)
        {
            // The grant was revoked or could not be refreshed: the user signs in again.
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Layout.Page("Signed out", context,
                $"<p class=\"notice\" id=\"ended\">Your session at the provider ended ({Encode(failure.Type)}); <a href=\"/\">sign in again</a>.</p>");
        }
    }

    private static string FailureText(string? error) => error switch
    {
        OAuthErrorType.NoPendingAuthorization => "This sign-in was not started in this browser, already completed, or took too long.",
        OAuthErrorType.PendingAuthorizationUsed => "This sign-in was already completed; a sign-in can be completed once.",
        _ => $"The provider could not sign you in ({error ?? "unknown error"}).",
    };

    private static string Time(string roundTrip) =>
        DateTimeOffset.TryParse(roundTrip, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time.ToUniversalTime().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : roundTrip;

    // Only local return URLs: an absolute one would make the sign-in an open redirect.
    private static string LocalOr(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : fallback;

    private static string ReturnQuery(string? returnUrl) => returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(LocalOr(returnUrl, "/profile"));

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
