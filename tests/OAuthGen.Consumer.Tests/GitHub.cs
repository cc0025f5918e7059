using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Consumer.Tests;

// What a newcomer writes first: no JsonContext, plain classes, defaults everywhere.
[RemoteApp("github",
    BaseUrl = "https://api.github.com/",
    AuthorizeUrl = "https://github.com/login/oauth/authorize",
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    Scope = "user:email",
    AppKey = "GitHub")]
public partial interface IGitHub
{
    [Get("user")]
    Task<User> GetUserAsync(CancellationToken cancellationToken = default);

    [Get("users/{username}/repos")]
    Task<List<Repo>> GetReposAsync(string username, [Query("per_page")] int perPage = 30, CancellationToken cancellationToken = default);

    [Post("user/repos")]
    Task<OAuthResponse<Repo>> CreateRepoAsync([Body] NewRepo repo, OAuthToken? token = null);
}

public sealed class User
{
    public string Login { get; set; } = "";
    public long Id { get; set; }
}

public sealed class Repo
{
    public string Name { get; set; } = "";
    public bool Private { get; set; }
}

public sealed record NewRepo(string Name, bool Private);
