using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Refit;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// OAuth 2.0: one bearer-authenticated GET returning a JSON POCO, through the generated OAuthGen client, Refit with its
/// fastest token setup (<see cref="BearerTokenHandler"/>), and careful hand-written HttpClient code
/// (<see cref="HandWrittenAccountsClient"/>). All share one <see cref="FixedJsonHandler"/>, one cached token and one
/// source-generated JSON context. The hand-written code is the baseline (goal: OAuthGen ≤ 1.0× its time, no cost for
/// the abstraction); the allocation tests also hold OAuthGen to ≤ 0.7× Refit's bytes.
/// </summary>
[MemoryDiagnoser]
public partial class OAuth2CallBenchmarks
{
    /// <summary>The base address every client uses.</summary>
    public static readonly Uri BaseAddress = new("https://api.example.com/");

    /// <summary>The access token every client sends.</summary>
    public const string AccessToken = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

    /// <summary>The login requested.</summary>
    public const string Login = "octocat";

    private static readonly ValueTask<string> CachedToken = ValueTask.FromResult(AccessToken);

    private IRefitAccountsApi _refit = null!;
    private HandWrittenAccountsClient _handWritten = null!;

    /// <summary>The shared in-memory server.</summary>
    public FixedJsonHandler Server { get; set; } = new();

    /// <summary>Creates the clients once (as an application does), all on <see cref="Server"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var refitHttp = new HttpClient(new BearerTokenHandler(_ => CachedToken) { InnerHandler = Server }, disposeHandler: false)
        {
            BaseAddress = BaseAddress,
        };
        // Refit at its fastest: the client its generator built at compile time, JSON through the same context.
        _refit = RestService.ForGenerated<IRefitAccountsApi>(refitHttp, BenchJson.Default);
        _handWritten = new HandWrittenAccountsClient(new HttpClient(Server, disposeHandler: false) { BaseAddress = BaseAddress }, _ => CachedToken);
        SetupOAuthGen();
    }

    partial void SetupOAuthGen();

    /// <summary>Refit 16.4 + a bearer DelegatingHandler.</summary>
    [Benchmark]
    public Task<Account> Refit() => _refit.GetAccountAsync(Login);

    /// <summary>HttpClient by hand.</summary>
    [Benchmark(Baseline = true)]
    public Task<Account> HandWritten() => _handWritten.GetAccountAsync(Login);
}
