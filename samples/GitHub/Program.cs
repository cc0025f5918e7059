using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen;
using OAuthGen.Samples;
using OAuthGen.Samples.GitHub;

// The C# counterpart of flask-oauthlib's example/github.py: sign in with GitHub and show the user.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/GitHub set GitHub:ConsumerKey <client id>
//   dotnet user-secrets --project samples/GitHub set GitHub:ConsumerSecret <client secret>
// or the flask-style environment variables GITHUB_CONSUMER_KEY and GITHUB_CONSUMER_SECRET.
// The OAuth app's callback URL at GitHub: http://127.0.0.1:5000/login/authorized.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSessionSignIn(); // the session, the pending-flow cookie and @github.tokengetter (SessionTokenStore)
builder.Services.AddRemoteApp<IGitHub>();

var app = builder.Build();
app.UseSession();

app.MapGet("/", async (HttpContext context, IGitHub github, SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (await tokens.GetAsync(new TokenRequest(github.Options.Name, null), cancellationToken) is null)
    {
        return SamplePage.Html("GitHub", "<p><a href=\"/login\">Sign in with GitHub</a></p>");
    }
    var me = await github.GetUserAsync(cancellationToken);
    return SamplePage.Html("GitHub", $"<p>Signed in as <a href=\"{SamplePage.Encode(me.HtmlUrl)}\">{SamplePage.Encode(me.Login)}</a> " +
        $"({SamplePage.Encode(me.Name)}).</p><p><a href=\"/logout\">Sign out</a></p>");
});

// github.authorize(callback=url_for('authorized', _external=True)), with state and a PKCE challenge added.
app.MapGet("/login", async (HttpContext context, IGitHub github, PendingAuthorizationCookie pending, CancellationToken cancellationToken) =>
{
    var redirect = await github.AuthorizeAsync(SamplePage.AbsoluteUrl(context, "/login/authorized"), cancellationToken: cancellationToken);
    pending.Save(context, redirect.Pending);
    return Results.Redirect(redirect.Url.AbsoluteUri);
});

app.MapGet("/logout", (HttpContext context) =>
{
    context.Session.Clear();
    return Results.Redirect("/");
});

// github.authorized_response(): checks state, sends the PKCE verifier, reads the (form-encoded) token response.
app.MapGet("/login/authorized", async (HttpContext context, IGitHub github, PendingAuthorizationCookie pending,
    SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (pending.Take(context, github.Options.Name) is not { } started) return Results.Redirect("/");
    var result = await github.AuthorizedResponseAsync(new Uri(context.Request.GetEncodedUrl()), started, cancellationToken);
    if (result.Token is not { } token)
    {
        return SamplePage.Html("GitHub", $"<p>Access denied: reason={SamplePage.Encode(result.Error)} " +
            $"error={SamplePage.Encode(result.ErrorDescription)}</p>");
    }
    await tokens.SaveAsync(new TokenRequest(github.Options.Name, null), token, cancellationToken);
    return Results.Redirect("/");
});

app.Run();
