using System.Linq;
using System.Net;
using System.Threading;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples;
using OAuthGen.Samples.Twitter;

// The C# counterpart of flask-oauthlib's example/twitter.py: sign in with Twitter, read the home timeline, tweet.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Twitter set Twitter:ConsumerKey <key>
//   dotnet user-secrets --project samples/Twitter set Twitter:ConsumerSecret <secret>
// or the flask-style environment variables TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET.
// The app registered at Twitter needs the callback http://127.0.0.1:5000/oauthorized.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAntiforgery();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie()
    // @app.route('/oauthorized'): twitter.authorized_response() exchanges the verifier for the access token; its
    // user_id and screen_name become the user's id and name.
    .AddRemoteApp<ITwitter>(configure: options => options.CallbackPath = "/oauthorized");

var app = builder.Build();
app.UseAntiforgery();

// @twitter.tokengetter is the signed-in user's cookie: every call below is signed with their token.
app.MapGet("/", async (HttpContext context, ITwitter twitter, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
{
    if (context.User.Identity?.IsAuthenticated != true) return SamplePage.Html("Twitter", "<p><a href=\"/login\">Sign in with Twitter</a></p>");

    var timeline = await twitter.GetHomeTimelineAsync(cancellationToken);
    var tweets = timeline.Status == HttpStatusCode.OK && timeline.Value is { } list
        ? "<ul>" + string.Concat(list.Select(tweet => $"<li><b>@{SamplePage.Encode(tweet.User.ScreenName)}</b> {SamplePage.Encode(tweet.Text)}</li>")) + "</ul>"
        : $"<p>Unable to load tweets from Twitter (HTTP {(int)timeline.Status}).</p>";
    var form = antiforgery.GetAndStoreTokens(context);
    return SamplePage.Html($"Twitter: @{context.User.Identity.Name}",
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
}).RequireAuthorization();

// twitter.authorize(callback=url_for('oauthorized')): fetches a request token, then sends the user to Twitter.
app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, ["twitter"]));
app.MapGet("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));

app.Run();
