using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// What DPoP (RFC 9449) adds to a resource call: the generated client's GET with a bearer token (the baseline, as in
/// <see cref="OAuth2CallBenchmarks"/>) beside the same GET with a DPoP-bound token, which carries a fresh ES256 proof (new
/// jti, iat, htu, ath) per request. Two floors put the proof's cost in context: one ES256 signature of a proof-sized input,
/// and a proof with the same header and claims made by Microsoft.IdentityModel's JsonWebTokenHandler.
/// </summary>
[MemoryDiagnoser]
public class DPoPCallBenchmarks
{
    private static readonly ValueTask<OAuthToken?> BearerToken = ValueTask.FromResult<OAuthToken?>(new OAuthToken(OAuth2CallBenchmarks.AccessToken));
    private static readonly ValueTask<OAuthToken?> DPoPToken =
        ValueTask.FromResult<OAuthToken?>(new OAuthToken(OAuth2CallBenchmarks.AccessToken) { TokenType = "DPoP" });

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _signingInput = new byte[360];
    private IAccountsApi _bearer = null!;
    private IAccountsApi _dpop = null!;
    private JsonWebTokenHandler _handler = null!;
    private SigningCredentials _credentials = null!;
    private Dictionary<string, object> _jwkHeader = null!;

    /// <summary>The shared in-memory server.</summary>
    public FixedJsonHandler Server { get; set; } = new();

    /// <summary>Creates the clients once (as an application does), both on <see cref="Server"/>; the DPoP key is reused by every call.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bearer = IAccountsApi.Create(new HttpClient(Server, disposeHandler: false), Options("bench-bearer", dpop: false));
        _dpop = IAccountsApi.Create(new HttpClient(Server, disposeHandler: false), Options("bench-dpop", dpop: true));
        RandomNumberGenerator.Fill(_signingInput);
        _handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        _credentials = new SigningCredentials(new ECDsaSecurityKey(_key), SecurityAlgorithms.EcdsaSha256);
        var q = _key.ExportParameters(false).Q;
        _jwkHeader = new() { ["jwk"] = new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(q.X), ["y"] = Base64UrlEncoder.Encode(q.Y) } };
    }

    private RemoteAppOptions Options(string name, bool dpop)
    {
        var options = IAccountsApi.CreateOptions();
        options.Name = name;
        options.ConsumerKey = "client-id";
        options.ConsumerSecret = "client-secret";
        options.UseDPoP = dpop;
        options.DPoPKey = dpop ? _key : null;
        options.TokenGetter = (_, _) => dpop ? DPoPToken : BearerToken;
        return options;
    }

    /// <summary>The generated client's GET with a bearer token.</summary>
    [Benchmark(Baseline = true)]
    public Task<Account> Bearer() => _bearer.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>The same GET with a DPoP-bound token: <c>Authorization: DPoP</c> and a fresh ES256 proof.</summary>
    [Benchmark]
    public Task<Account> DPoP() => _dpop.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>Floor: one ES256 signature over a proof-sized signing input (what any proof must pay).</summary>
    [Benchmark]
    public byte[] ES256SignatureOnly() => _key.SignData(_signingInput, HashAlgorithmName.SHA256);

    /// <summary>A proof alone, with the same header and claims, made by JsonWebTokenHandler (the library default).</summary>
    [Benchmark]
    public string JsonWebTokenHandlerProofOnly() => _handler.CreateToken(new SecurityTokenDescriptor
    {
        TokenType = "dpop+jwt",
        AdditionalHeaderClaims = _jwkHeader,
        SigningCredentials = _credentials,
        Claims = new Dictionary<string, object>
        {
            ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["htm"] = "GET",
            ["htu"] = "https://api.example.com/users/octocat",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["ath"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(OAuth2CallBenchmarks.AccessToken))),
        },
    });
}
