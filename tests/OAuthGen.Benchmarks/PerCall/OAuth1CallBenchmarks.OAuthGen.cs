using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks.PerCall;

public partial class OAuth1CallBenchmarks
{
    private static readonly OAuthToken TokenCredentials = new(Token) { Secret = TokenSecret };
    private static readonly ValueTask<OAuthToken?> CachedToken = ValueTask.FromResult<OAuthToken?>(TokenCredentials);

    private ITimelineApi _oauthGen = null!;

    partial void SetupOAuthGen()
    {
        var options = ITimelineApi.CreateOptions();
        options.ConsumerKey = ConsumerKey;
        options.ConsumerSecret = ConsumerSecret;
        options.TokenGetter = (_, _) => CachedToken;
        if (FixedNonceAndTime is var (nonce, time))
        {
            options.NonceGenerator = () => nonce;
            options.TimeProvider = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(time));
        }
        _oauthGen = ITimelineApi.Create(new HttpClient(Server, disposeHandler: false), options);
    }

    /// <summary>Signed GET, generated client.</summary>
    [Benchmark, BenchmarkCategory("GET")]
    public Task<Account> OAuthGen_Get() => _oauthGen.VerifyCredentialsAsync(includeEmail: true, skipStatus: true);

    /// <summary>Signed form POST, generated client.</summary>
    [Benchmark, BenchmarkCategory("POST form")]
    public Task<Account> OAuthGen_PostForm() => _oauthGen.UpdateProfileAsync(ProfileName, ProfileDescription);
}

/// <summary>A clock stopped at one instant (tests only, to compare signatures).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
