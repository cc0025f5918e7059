using System;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// Issue 7 (2), OAuth 1.0a: an HMAC-SHA1 signed GET with a query and a signed form POST, through the generated
/// OAuthGen client and through hand-written HttpClient code with <see cref="HandWrittenOAuth1Signer"/> (the baseline of
/// each category; Refit has no OAuth 1 story). Both use real nonces and clocks, as in production.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class OAuth1CallBenchmarks
{
    /// <summary>The API base address.</summary>
    public static readonly Uri BaseAddress = new("https://api.example.com/1.1/");

    /// <summary>Client credentials (RFC 5849 §1.2's example values).</summary>
    public const string ConsumerKey = "dpf43f3p2l4k3l03", ConsumerSecret = "kd94hf93k423kf44";

    /// <summary>Token credentials (RFC 5849 §1.2's example values).</summary>
    public const string Token = "nnch734d00sl2jdk", TokenSecret = "pfkkdhi9sl3r4s00";

    /// <summary>The profile update sent by the POST: spaces, '+' and ',' exercise percent-encoding.</summary>
    public const string ProfileName = "The Octocat", ProfileDescription = "Hello Ladies + Gentlemen, a signed OAuth request!";

    private HandWrittenOAuth1Client _handWritten = null!;

    /// <summary>The shared in-memory server.</summary>
    public FixedJsonHandler Server { get; set; } = new();

    /// <summary>
    /// Tests only: a fixed nonce and Unix time for both clients, so their signatures can be compared. The benchmarks
    /// leave them null: each client then uses its own nonce source and the system clock.
    /// </summary>
    public (string Nonce, long UnixSeconds)? FixedNonceAndTime { get; set; }

    /// <summary>Creates the clients once, both on <see cref="Server"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var signer = FixedNonceAndTime is var (nonce, time)
            ? new HandWrittenOAuth1Signer(ConsumerKey, ConsumerSecret, Token, TokenSecret) { Nonce = () => nonce, Timestamp = () => time }
            : new HandWrittenOAuth1Signer(ConsumerKey, ConsumerSecret, Token, TokenSecret);
        _handWritten = new HandWrittenOAuth1Client(new HttpClient(Server, disposeHandler: false) { BaseAddress = BaseAddress }, signer);
        SetupOAuthGen();
    }

    partial void SetupOAuthGen();

    /// <summary>Signed GET, by hand.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("GET")]
    public Task<Account> HandWritten_Get() => _handWritten.VerifyCredentialsAsync(includeEmail: true, skipStatus: true);

    /// <summary>Signed form POST, by hand.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("POST form")]
    public Task<Account> HandWritten_PostForm() => _handWritten.UpdateProfileAsync(ProfileName, ProfileDescription);
}
