// Sign in with GitHub (OAuth 2.0 with PKCE and a verified state), then call the API with the user's token.
// 1. Register an OAuth app at https://github.com/settings/developers with the callback
//    http://localhost:5000/login/authorized
// 2. Give this app its credentials through configuration, never in code:
//      dotnet user-secrets init
//      dotnet user-secrets set GitHub:ConsumerKey <client id>
//      dotnet user-secrets set GitHub:ConsumerSecret <client secret>
//    (or the environment variables GITHUB_CONSUMER_KEY and GITHUB_CONSUMER_SECRET)
// 3. dotnet run, and open http://localhost:5000
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Extensions;
using OAuthGen;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDistributedMemoryCache();
builder.Services.AddSession(session => session.Cookie.HttpOnly = true);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ITokenStore, SessionTokenStore>(); // the token getter: each user's token, in their session
builder.Services.AddRemoteApp<IGitHub>();                     // typed HttpClient; credentials from configuration "GitHub"

var app = builder.Build();
app.UseSession();

app.MapGet("/", async (IGitHub github, ITokenStore tokens, CancellationToken cancellationToken) =>
{
    if (await tokens.GetAsync(new TokenRequest(github.Options.Name, null), cancellationToken) is null)
    {
        return Results.Content("<a href=\"/login\">Sign in with GitHub</a>", "text/html");
    }
    var me = await github.GetUserAsync(cancellationToken); // the token comes from the store
    return Results.Text($"Signed in as {me.Login} ({me.HtmlUrl})");
});

// authorize(): a URL with a fresh state and PKCE challenge, and what the callback needs to check them.
app.MapGet("/login", async (HttpContext context, IGitHub github) =>
{
    var redirect = await github.AuthorizeAsync(
        $"{context.Request.Scheme}://{context.Request.Host}/login/authorized", cancellationToken: context.RequestAborted);
    await context.Session.LoadAsync(context.RequestAborted);
    context.Session.SetString("github.pending", redirect.Pending.ToJson()); // server-side, never sent to the browser
    return Results.Redirect(redirect.Url.AbsoluteUri);
});

// authorized_response(): checks the state, exchanges the code with the PKCE verifier, returns the token or the denial.
app.MapGet("/login/authorized", async (HttpContext context, IGitHub github, ITokenStore tokens) =>
{
    await context.Session.LoadAsync(context.RequestAborted);
    if (context.Session.GetString("github.pending") is not { } pending) return Results.Redirect("/");
    context.Session.Remove("github.pending");
    var result = await github.AuthorizedResponseAsync(
        new Uri(context.Request.GetEncodedUrl()), PendingAuthorization.FromJson(pending), context.RequestAborted);
    if (result.Token is not { } token) return Results.Text($"Access denied: {result.Error} {result.ErrorDescription}");
    await tokens.SaveAsync(new TokenRequest(github.Options.Name, null), token, context.RequestAborted);
    return Results.Redirect("/");
});

app.Run();

[RemoteApp("github", BaseUrl = "https://api.github.com/", AppKey = "GitHub", Scope = "read:user",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    JsonContext = typeof(GitHubJson))]
[Headers("User-Agent: OAuthGenWeb", "Accept: application/vnd.github+json")]
public partial interface IGitHub
{
    [Get("user")]
    Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);
}

public sealed record GitHubUser(string Login, string? Name, string HtmlUrl);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GitHubUser))]
public partial class GitHubJson : JsonSerializerContext
{
}

/// <summary>Keeps each user's tokens in their session (server-side); refreshed tokens are saved back here.</summary>
sealed class SessionTokenStore(IHttpContextAccessor accessor) : ITokenStore
{
    public async ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(cancellationToken);
        return session.GetString(Key(request)) is { } json ? OAuthToken.FromJson(json) : null;
    }

    public async ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(cancellationToken);
        session.SetString(Key(request), token.ToJson());
    }

    private static string Key(TokenRequest request) => $"token.{request.AppName}.{request.TokenName}";

    private async Task<ISession> LoadAsync(CancellationToken cancellationToken)
    {
        var session = accessor.HttpContext?.Session ?? throw new InvalidOperationException("No HTTP request.");
        await session.LoadAsync(cancellationToken);
        return session;
    }
}
