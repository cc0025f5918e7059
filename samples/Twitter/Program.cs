using System;
using System.Linq;
using System.Net;
using System.Threading;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen;
using OAuthGen.Samples;
using OAuthGen.Samples.Twitter;

// The C# counterpart of flask-oauthlib's example/twitter.py: sign in with Twitter, read the home timeline, tweet.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Twitter set Twitter:ConsumerKey <key>
//   dotnet user-secrets --project samples/Twitter set Twitter:ConsumerSecret <secret>
// or the flask-style environment variables TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET.
// The app registered at Twitter needs the callback http://127.0.0.1:5000/oauthorized.
var builder = WebApplication.CreateBuilder(args);
// flask-oauthlib's @twitter.tokengetter: every call finds the user's token in their session (SessionTokenStore).
builder.Services.AddSessionSignIn();
builder.Services.AddAntiforgery();
builder.Services.AddRemoteApp<ITwitter>();

var app = builder.Build();
app.UseSession();
app.UseAntiforgery();

app.MapGet("/", async (HttpContext context, ITwitter twitter, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
{
    var screenName = context.Session.GetString("twitter_user");
    if (screenName is null) return SamplePage.Html("Twitter", "<p><a href=\"/login\">Sign in with Twitter</a></p>");

    var timeline = await twitter.GetHomeTimelineAsync(cancellationToken);
    var tweets = timeline.Status == HttpStatusCode.OK && timeline.Value is { } list
        ? "<ul>" + string.Concat(list.Select(tweet => $"<li><b>@{SamplePage.Encode(tweet.User.ScreenName)}</b> {SamplePage.Encode(tweet.Text)}</li>")) + "</ul>"
        : $"<p>Unable to load tweets from Twitter (HTTP {(int)timeline.Status}).</p>";
    var form = antiforgery.GetAndStoreTokens(context);
    return SamplePage.Html($"Twitter: @{screenName}",
        "<form method=\"post\" action=\"/tweet\">" +
        $"<input type=\"hidden\" name=\"{form.FormFieldName}\" value=\"{SamplePage.Encode(form.RequestToken)}\">" +
        "<input name=\"tweet\" size=\"60\"> <button type=\"submit\">Tweet</button></form>" +
        tweets + "<p><a href=\"/logout\">Sign out</a></p>");
});

app.MapPost("/tweet", async ([FromForm] string tweet, ITwitter twitter, CancellationToken cancellationToken) =>
{
    var response = await twitter.UpdateStatusAsync(tweet, cancellationToken);
    return response.Status switch
    {
        HttpStatusCode.OK => SamplePage.Html("Tweeted", $"<p>Successfully tweeted your tweet (ID: #{SamplePage.Encode(response.Value?.Id)}).</p><p><a href=\"/\">Back</a></p>"),
        HttpStatusCode.Forbidden => SamplePage.Html("Not tweeted", "<p>Your tweet was too long.</p><p><a href=\"/\">Back</a></p>"),
        _ => SamplePage.Html("Not tweeted", $"<p>Twitter answered HTTP {(int)response.Status}.</p><p><a href=\"/\">Back</a></p>"),
    };
});

// twitter.authorize(callback=url_for('oauthorized')): fetches a request token, then sends the user to Twitter.
app.MapGet("/login", async (HttpContext context, ITwitter twitter, PendingAuthorizationCookie pending, CancellationToken cancellationToken) =>
{
    var redirect = await twitter.AuthorizeAsync(SamplePage.AbsoluteUrl(context, "/oauthorized"), cancellationToken: cancellationToken);
    pending.Save(context, redirect.Pending);
    return Results.Redirect(redirect.Url.AbsoluteUri);
});

// twitter.authorized_response(): exchanges the verifier for the access token (oauth_token + oauth_token_secret).
app.MapGet("/oauthorized", async (HttpContext context, ITwitter twitter, PendingAuthorizationCookie pending,
    SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (pending.Take(context, twitter.Options.Name) is not { } started) return Results.Redirect("/");
    var result = await twitter.AuthorizedResponseAsync(new Uri(context.Request.GetEncodedUrl()), started, cancellationToken);
    if (result.Token is not { } token) return SamplePage.Html("Twitter", "<p>You denied the request to sign in.</p><p><a href=\"/\">Back</a></p>");

    await tokens.SaveAsync(new TokenRequest(twitter.Options.Name, null), token, cancellationToken);
    context.Session.SetString("twitter_user", token.Extra.TryGetValue("screen_name", out var name) ? name : "?");
    return Results.Redirect("/");
});

app.MapGet("/logout", (HttpContext context) =>
{
    context.Session.Clear();
    return Results.Redirect("/");
});

app.Run();
