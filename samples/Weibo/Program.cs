using System.Threading;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples;
using OAuthGen.Samples.Weibo;

// The C# counterpart of flask-oauthlib's example/weibo.py: sign in with Weibo and show the home timeline.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Weibo set Weibo:ConsumerKey <app key>
//   dotnet user-secrets --project samples/Weibo set Weibo:ConsumerSecret <app secret>
// or the flask-style environment variables WEIBO_CONSUMER_KEY and WEIBO_CONSUMER_SECRET.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie()
    .AddRemoteApp<IWeibo>(configure: options =>
    {
        options.CallbackPath = "/login/authorized";
        // weibo.get('account/get_uid.json') answers {"uid": ...}: the id claim.
        options.MapUser((IWeibo weibo, CancellationToken ct) => weibo.GetUidAsync(ct));
    });

var app = builder.Build();

// The user's token travels as "Authorization: OAuth2 <token>" (TokenType on the attribute), Weibo's own scheme.
app.MapGet("/", async (HttpContext context, IWeibo weibo, CancellationToken cancellationToken) =>
{
    if (context.User.Identity?.IsAuthenticated != true) return SamplePage.Html("Weibo", "<p><a href=\"/login\">Sign in with Weibo</a></p>");
    var timeline = await weibo.GetHomeTimelineAsync(cancellationToken);
    return SamplePage.Html("Weibo", $"<p>Signed in: {SamplePage.Encode(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value)}</p>" +
        $"<p>Home timeline (HTTP {(int)timeline.Status}):</p><pre>{SamplePage.Encode(timeline.Value.ToString())}</pre>" +
        "<p><a href=\"/logout\">Sign out</a></p>");
});

app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, ["weibo"]));
app.MapGet("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));

app.Run();
