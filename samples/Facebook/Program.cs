using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen;
using OAuthGen.Samples;
using OAuthGen.Samples.Facebook;

// The C# counterpart of flask-oauthlib's example/facebook.py: sign in with Facebook and show who signed in.
// Set the credentials first (never in code or appsettings.json):
//   dotnet user-secrets --project samples/Facebook set Facebook:ConsumerKey <app id>
//   dotnet user-secrets --project samples/Facebook set Facebook:ConsumerSecret <app secret>
// or the flask-style environment variables FACEBOOK_CONSUMER_KEY and FACEBOOK_CONSUMER_SECRET.
// The callback is mandatory and must match the one in the Facebook app's settings: http://127.0.0.1:5000/login/authorized.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSessionSignIn(); // the session, the pending-flow cookie and @facebook.tokengetter (SessionTokenStore)
// request_token_params={'scope': 'email'}: extra authorization parameters (Scope = "email" on the attribute says the same).
builder.Services.AddRemoteApp<IFacebook>(options => options.RequestTokenParams["scope"] = "email");

var app = builder.Build();
app.UseSession();

app.MapGet("/", () => SamplePage.Html("Facebook", "<p><a href=\"/login\">Sign in with Facebook</a></p>"));

// facebook.authorize(callback=url_for('facebook_authorized', _external=True)): the callback is an absolute URL.
app.MapGet("/login", async (HttpContext context, IFacebook facebook, PendingAuthorizationCookie pending, CancellationToken cancellationToken) =>
{
    var redirect = await facebook.AuthorizeAsync(SamplePage.AbsoluteUrl(context, "/login/authorized"), cancellationToken: cancellationToken);
    pending.Save(context, redirect.Pending);
    return Results.Redirect(redirect.Url.AbsoluteUri);
});

// facebook.authorized_response(), then facebook.get('/me').
app.MapGet("/login/authorized", async (HttpContext context, IFacebook facebook, PendingAuthorizationCookie pending,
    SessionTokenStore tokens, CancellationToken cancellationToken) =>
{
    if (pending.Take(context, facebook.Options.Name) is not { } started) return Results.Redirect("/");
    var result = await facebook.AuthorizedResponseAsync(new Uri(context.Request.GetEncodedUrl()), started, cancellationToken);
    if (result.Token is not { } token)
    {
        return SamplePage.Html("Facebook", $"<p>Access denied: reason={SamplePage.Encode(context.Request.Query["error_reason"])} " +
            $"error={SamplePage.Encode(result.ErrorDescription ?? result.Error)}</p>");
    }
    await tokens.SaveAsync(new TokenRequest(facebook.Options.Name, null), token, cancellationToken);
    var me = await facebook.GetMeAsync(cancellationToken: cancellationToken);
    return SamplePage.Html("Facebook", $"<p>Logged in as id={SamplePage.Encode(me.Id)} name={SamplePage.Encode(me.Name)}</p>");
});

app.Run();
