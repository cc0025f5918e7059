using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.DependencyInjection.Tests;

// Clients the generator writes from these declarations when this project builds.

/// <summary>github.com: endpoints in the attribute, credentials from configuration under "GitHub".</summary>
[RemoteApp("github",
    BaseUrl = "https://api.github.com/",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    AppKey = "GitHub")]
public partial interface IGitHubApi
{
    [Get("user")]
    Task<OAuthResponse> GetUserAsync(CancellationToken cancellationToken = default);
}

/// <summary>GitHub Enterprise Server: every URL depends on the installation, so all of them come from configuration.</summary>
[RemoteApp("github-enterprise", AppKey = "GitHubEnterprise")]
public partial interface IGitHubEnterpriseApi
{
    [Get("user")]
    Task<OAuthResponse> GetUserAsync(CancellationToken cancellationToken = default);
}

/// <summary>An API-only app declared as such: no endpoints, no AppKey, no options callback needed.</summary>
[RemoteApp("pat-api", BaseUrl = "https://pat.example.com/api/", ApiOnly = true)]
public partial interface IPersonalAccessTokenApi
{
    [Get("summary")]
    Task<OAuthResponse> GetSummaryAsync(CancellationToken cancellationToken = default);
}

/// <summary>An API called with a personal access token: no authorization server at all.</summary>
[RemoteApp("status", BaseUrl = "https://status.example.com/api/", AppKey = "Status")]
public partial interface IStatusApi
{
    [Get("summary")]
    Task<OAuthResponse> GetSummaryAsync(CancellationToken cancellationToken = default);
}

/// <summary>Used by the metrics tests only, so no other test's measurements carry its name.</summary>
[RemoteApp("metered", BaseUrl = "https://metered.example.com/", AccessTokenUrl = "https://metered.example.com/token", AppKey = "Metered")]
public partial interface IMeteredApi
{
    [Get("ping")]
    Task<OAuthResponse> PingAsync(CancellationToken cancellationToken = default);
}
