using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen;
using OAuthGen.Samples;
using OAuthGen.Samples.Weibo;

// The C# counterpart of flask-oauthlib's example/weibo.py: sign in with Weibo and show the home timeline.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Weibo set Weibo:ConsumerKey <app key>
//   dotnet user-secrets --project samples/Weibo set Weibo:ConsumerSecret <app secret>
// or the flask-style environment variables WEIBO_CONSUMER_KEY and WEIBO_CONSUMER_SECRET.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSessionSignIn(); // the session, the pending-flow cookie and @weibo.tokengetter (SessionTokenStore)
builder.Services.AddRemoteApp<IWeibo>();

var app = builder.Build();
app.UseSession();

app.MapGet("/", async (IWeibo weibo, SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (await tokens.GetAsync(new TokenRequest(weibo.Options.Name, null), cancellationToken) is null)
    {
        return SamplePage.Html("Weibo", "<p><a href=\"/login\">Sign in with Weibo</a></p>");
    }
    var uid = await weibo.GetUidAsync(cancellationToken);
    var timeline = await weibo.GetHomeTimelineAsync(cancellationToken);
    return SamplePage.Html("Weibo", $"<p>Signed in: {SamplePage.Encode(uid.ToString())}</p>" +
        $"<p>Home timeline (HTTP {(int)timeline.Status}):</p><pre>{SamplePage.Encode(timeline.Value.ToString())}</pre>" +
        "<p><a href=\"/logout\">Sign out</a></p>");
});

app.MapGet("/login", async (HttpContext context, IWeibo weibo, PendingAuthorizationCookie pending, CancellationToken cancellationToken) =>
{
    var redirect = await weibo.AuthorizeAsync(SamplePage.AbsoluteUrl(context, "/login/authorized"), cancellationToken: cancellationToken);
    pending.Save(context, redirect.Pending);
    return Results.Redirect(redirect.Url.AbsoluteUri);
});

app.MapGet("/logout", (HttpContext context) =>
{
    context.Session.Clear();
    return Results.Redirect("/");
});

app.MapGet("/login/authorized", async (HttpContext context, IWeibo weibo, PendingAuthorizationCookie pending,
    SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (pending.Take(context, weibo.Options.Name) is not { } started) return Results.Redirect("/");
    var result = await weibo.AuthorizedResponseAsync(new Uri(context.Request.GetEncodedUrl()), started, cancellationToken);
    if (result.Token is not { } token)
    {
        return SamplePage.Html("Weibo", $"<p>Access denied: reason={SamplePage.Encode(result.Error)} " +
            $"error={SamplePage.Encode(result.ErrorDescription)}</p>");
    }
    await tokens.SaveAsync(new TokenRequest(weibo.Options.Name, null), token, cancellationToken);
    return Results.Redirect("/");
});

app.Run();
