using System.Threading;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples;
using OAuthGen.Samples.Facebook;

// The C# counterpart of flask-oauthlib's example/facebook.py: sign in with Facebook and show who signed in.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Facebook set Facebook:ConsumerKey <app id>
//   dotnet user-secrets --project samples/Facebook set Facebook:ConsumerSecret <app secret>
// or the flask-style environment variables FACEBOOK_CONSUMER_KEY and FACEBOOK_CONSUMER_SECRET.
// The callback is mandatory and must match the one in the Facebook app's settings: http://127.0.0.1:5000/login/authorized.
var builder = WebApplication.CreateBuilder(args);
// request_token_params={'scope': 'email'}: extra authorization parameters (Scope = "email" on the attribute says the same).
builder.Services.AddRemoteApp<IFacebook>(options => options.RequestTokenParams["scope"] = "email");
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie()
    .AddRemoteApp<IFacebook>(configure: options =>
    {
        // @app.route('/login/authorized'): facebook.authorized_response(), then facebook.get('/me').
        options.CallbackPath = "/login/authorized";
        options.MapUser((IFacebook facebook, CancellationToken ct) => facebook.GetMeAsync(cancellationToken: ct),
            (me, user) => { user.Id = me.Id; user.Name = me.Name; user.Email = me.Email; });
    });

var app = builder.Build();

app.MapGet("/", (HttpContext context) => context.User.Identity?.IsAuthenticated == true
    ? SamplePage.Html("Facebook", $"<p>Logged in as id={SamplePage.Encode(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value)} " +
        $"name={SamplePage.Encode(context.User.Identity.Name)}</p><p><a href=\"/logout\">Sign out</a></p>")
    : SamplePage.Html("Facebook", "<p><a href=\"/login\">Sign in with Facebook</a></p>"));

// facebook.authorize(callback=url_for('facebook_authorized', _external=True)): the callback is this site's absolute URL.
app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, ["facebook"]));
app.MapGet("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));

app.Run();
