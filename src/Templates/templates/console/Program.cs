using System.Text.Json.Serialization;
using OAuthGen;

// The token getter is flask-oauthlib's @remote.tokengetter: here a personal access token from the environment
// (export GITHUB_TOKEN=...); a web app returns the signed-in user's token instead.
if (Environment.GetEnvironmentVariable("GITHUB_TOKEN") is not { Length: > 0 } personalAccessToken)
{
    Console.Error.WriteLine("Set GITHUB_TOKEN to a GitHub personal access token, then run again.");
    return 1;
}

var options = IGitHub.CreateOptions();
options.TokenGetter = (request, cancellationToken) => ValueTask.FromResult<OAuthToken?>(new OAuthToken(personalAccessToken));
using var http = new HttpClient();
var github = IGitHub.Create(http, options);

try
{
    var me = await github.GetUserAsync();
    Console.WriteLine($"{me.Login} ({me.Name}): {me.PublicRepos} public repositories, {me.HtmlUrl}");
    foreach (var repository in await github.GetRepositoriesAsync(me.Login, perPage: 5))
    {
        Console.WriteLine($"  {repository.FullName} ★{repository.StargazersCount}");
    }
    return 0;
}
catch (OAuthException e)
{
    // Type says what went wrong (http_error, request_failed...); StatusCode is set when GitHub answered.
    Console.Error.WriteLine($"{e.Type} {e.StatusCode}: {e.Message}");
    return 1;
}

// The attribute is the flask-oauthlib remote_app(...) call; the generator implements the interface at compile time.
[RemoteApp("github", BaseUrl = "https://api.github.com/", AppKey = "GitHub",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    JsonContext = typeof(GitHubJson))]
[Headers("User-Agent: OAuthGenConsole", "Accept: application/vnd.github+json")] // GitHub refuses requests without a User-Agent
public partial interface IGitHub
{
    [Get("user")]
    Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);

    [Get("users/{username}/repos")]
    Task<List<GitHubRepository>> GetRepositoriesAsync(string username, [Query("per_page")] int perPage = 30,
        CancellationToken cancellationToken = default);
}

public sealed record GitHubUser(string Login, string? Name, string HtmlUrl, int PublicRepos);

public sealed record GitHubRepository(string FullName, int StargazersCount);

// GitHub's JSON is snake_case (html_url, public_repos): the context names the policy and makes the client reflection-free.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GitHubUser))]
[JsonSerializable(typeof(List<GitHubRepository>))]
public partial class GitHubJson : JsonSerializerContext
{
}
