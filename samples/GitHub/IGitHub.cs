using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.GitHub;

// flask-oauthlib:
//   github = oauth.remote_app('github',
//       consumer_key=..., consumer_secret=...,
//       request_token_params={'scope': 'user:email'},
//       base_url='https://api.github.com/',
//       request_token_url=None,
//       access_token_method='POST',
//       access_token_url='https://github.com/login/oauth/access_token',
//       authorize_url='https://github.com/login/oauth/authorize')
// OAuth 2.0 with PKCE (S256, the default) and a verified state. GitHub's token endpoint answers
// application/x-www-form-urlencoded unless asked for JSON; the runtime reads either, so nothing to configure.
// The client id and secret come from configuration under the AppKey (GitHub:ConsumerKey or GITHUB_CONSUMER_KEY...).

/// <summary>The GitHub REST API through OAuth 2.0.</summary>
[RemoteApp("github",
    BaseUrl = "https://api.github.com/",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    AccessTokenMethod = "POST",
    Scope = "user:email",
    AppKey = "GitHub")]
[Headers("User-Agent: OAuthGen-Sample", "Accept: application/vnd.github+json")] // GitHub refuses requests without a User-Agent
public partial interface IGitHub
{
    /// <summary><c>github.get('user')</c>.</summary>
    [Get("user")]
    Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);
}

/// <summary>The signed-in GitHub user.</summary>
public sealed record GitHubUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("login")] string Login,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("html_url")] string HtmlUrl);
