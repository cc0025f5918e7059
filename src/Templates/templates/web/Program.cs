// Sign in with GitHub (OAuth 2.0 with PKCE and a verified state), then call the API as the signed-in user.
// 1. Register an OAuth app at https://github.com/settings/developers with the callback
//    http://localhost:5000/signin-github
// 2. Give this app its credentials through configuration, never in code:
//      dotnet user-secrets init
//      dotnet user-secrets set GitHub:ConsumerKey <client id>
//      dotnet user-secrets set GitHub:ConsumerSecret <client secret>
//    (or the environment variables GITHUB_CONSUMER_KEY and GITHUB_CONSUMER_SECRET)
// 3. dotnet run, and open http://localhost:5000
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using OAuthGen;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthorization();
builder.Services.AddAuthentication(o => { o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme; o.DefaultChallengeScheme = "github"; })
    .AddCookie()
    // OAuthGen.AspNetCore: the client as a sign-in scheme (callback /signin-github). The user's token is kept in their
    // sign-in cookie; every IGitHub call inside their requests carries it, refreshed and written back when it expires.
    .AddRemoteApp<IGitHub>(configure: o => o.MapUser((IGitHub api, CancellationToken ct) => api.GetUserAsync(ct),
        (user, claims) => { claims.Id = user.Id.ToString(); claims.Name = user.Login; claims.Email = user.Email; }));
var app = builder.Build();

app.MapGet("/", async (IGitHub github, CancellationToken cancellationToken) =>
{
    var me = await github.GetUserAsync(cancellationToken); // as the signed-in user: nobody passes a token
    return Results.Text($"Signed in as {me.Login} ({me.HtmlUrl}). Sign out: /logout");
}).RequireAuthorization();
// Sign-out clears the cookie and revokes the grant where the provider has a revocation endpoint.
app.MapGet("/logout", () => Results.SignOut(new() { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));
app.Run();

// The attribute is the flask-oauthlib remote_app(...) call; the generator implements the interface at compile time.
[RemoteApp("github", BaseUrl = "https://api.github.com/", AppKey = "GitHub", Scope = "user:email",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    JsonContext = typeof(GitHubJson))]
[Headers("User-Agent: OAuthGenWeb", "Accept: application/vnd.github+json")] // GitHub refuses requests without a User-Agent
public partial interface IGitHub
{
    [Get("user")]
    Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);
}

public sealed record GitHubUser(long Id, string Login, string? Email, string HtmlUrl);

// GitHub's JSON is snake_case (html_url): name the policy, or those properties silently stay empty.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GitHubUser))]
public partial class GitHubJson : JsonSerializerContext
{
}
