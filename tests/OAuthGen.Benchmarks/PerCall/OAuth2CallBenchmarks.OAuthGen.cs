using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks.PerCall;

public partial class OAuth2CallBenchmarks
{
    private static readonly OAuthToken Token = new(AccessToken);
    private static readonly ValueTask<OAuthToken?> CachedOAuthToken = ValueTask.FromResult<OAuthToken?>(Token);

    private IAccountsApi _oauthGen = null!;
    private IAccountsApi _oauthGenHandler = null!;

    partial void SetupOAuthGen()
    {
        var options = IAccountsApi.CreateOptions();
        options.ConsumerKey = "client-id";
        options.ConsumerSecret = "client-secret";
        options.TokenGetter = (_, _) => CachedOAuthToken;
        _oauthGen = IAccountsApi.Create(new HttpClient(Server, disposeHandler: false), options);
        // What a client of AddRemoteApp pays: authentication in RemoteAppAuthenticationHandler, innermost in the chain.
        _oauthGenHandler = IAccountsApi.Create(new HttpClient(new RemoteAppAuthenticationHandler { InnerHandler = Server }, disposeHandler: false), options);
    }

    /// <summary>The generated OAuthGen client (token from a TokenGetter).</summary>
    [Benchmark]
    public Task<Account> OAuthGen() => _oauthGen.GetAccountAsync(Login);

    /// <summary>The same client with its authentication in the handler chain (retry-safe; every AddRemoteApp client).</summary>
    [Benchmark]
    public Task<Account> OAuthGen_Handler() => _oauthGenHandler.GetAccountAsync(Login);
}
