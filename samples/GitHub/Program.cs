using System.Threading;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples;
using OAuthGen.Samples.GitHub;

// The C# counterpart of flask-oauthlib's example/github.py: sign in with GitHub and show the user.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/GitHub set GitHub:ConsumerKey <client id>
//   dotnet user-secrets --project samples/GitHub set GitHub:ConsumerSecret <client secret>
// or the flask-style environment variables GITHUB_CONSUMER_KEY and GITHUB_CONSUMER_SECRET.
// The OAuth app's callback URL at GitHub: http://127.0.0.1:5000/login/authorized.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie()
    .AddRemoteApp<IGitHub>(configure: options =>
    {
        // @app.route('/login/authorized'): github.authorized_response() runs here (state, PKCE verifier, token).
        options.CallbackPath = "/login/authorized";
        options.MapUser((IGitHub github, CancellationToken ct) => github.GetUserAsync(ct),
            (me, user) => { user.Id = me.Id.ToString(); user.Name = me.Login; user.Email = me.Email; });
    });

var app = builder.Build();

// github.get('user') as the signed-in user: @github.tokengetter is the user's sign-in cookie.
app.MapGet("/", async (HttpContext context, IGitHub github, CancellationToken cancellationToken) =>
{
    if (context.User.Identity?.IsAuthenticated != true) return SamplePage.Html("GitHub", "<p><a href=\"/login\">Sign in with GitHub</a></p>");
    var me = await github.GetUserAsync(cancellationToken);
    return SamplePage.Html("GitHub", $"<p>Signed in as <a href=\"{SamplePage.Encode(me.HtmlUrl)}\">{SamplePage.Encode(me.Login)}</a> " +
        $"({SamplePage.Encode(me.Name)}).</p><p><a href=\"/logout\">Sign out</a></p>");
});

// github.authorize(callback=url_for('authorized', _external=True)), with state and a PKCE challenge added.
app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, ["github"]));
app.MapGet("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));

app.Run();
