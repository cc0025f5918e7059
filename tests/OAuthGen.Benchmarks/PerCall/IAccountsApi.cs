using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>The OAuth 2.0 API of the per-call benchmark, as an OAuthGen user declares it.</summary>
[RemoteApp("accounts",
    BaseUrl = "https://api.example.com/",
    AuthorizeUrl = "https://example.com/login/oauth/authorize",
    AccessTokenUrl = "https://example.com/login/oauth/access_token",
    JsonContext = typeof(BenchJson))]
public partial interface IAccountsApi
{
    /// <summary>GET users/{login}.</summary>
    [Get("users/{login}")]
    Task<Account> GetAccountAsync(string login, CancellationToken cancellationToken = default);
}

/// <summary>The OAuth 1.0a API of the per-call benchmark (Twitter 1.1 style).</summary>
[RemoteApp("timeline",
    BaseUrl = "https://api.example.com/1.1/",
    RequestTokenUrl = "https://api.example.com/oauth/request_token",
    AccessTokenUrl = "https://api.example.com/oauth/access_token",
    AuthorizeUrl = "https://api.example.com/oauth/authorize",
    JsonContext = typeof(BenchJson))]
public partial interface ITimelineApi
{
    /// <summary>Signed GET with a query.</summary>
    [Get("account/verify_credentials.json")]
    Task<Account> VerifyCredentialsAsync([Query("include_email")] bool includeEmail, [Query("skip_status")] bool skipStatus,
        CancellationToken cancellationToken = default);

    /// <summary>Signed form POST.</summary>
    [Post("account/update_profile.json")]
    Task<Account> UpdateProfileAsync([Field] string name, [Field] string description, CancellationToken cancellationToken = default);
}
