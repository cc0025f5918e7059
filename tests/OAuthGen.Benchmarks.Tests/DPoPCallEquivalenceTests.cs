using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using OAuthGen.Benchmarks;
using OAuthGen.Benchmarks.PerCall;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>The DPoP per-call benchmark compares like with like: the same GET, and a handler-made proof of the same shape.</summary>
public sealed class DPoPCallEquivalenceTests
{
    [Fact]
    public void DPoPComparesTheBearerCallTheDPoPCallAndTwoFloors() =>
        Assert.Equal(["Bearer", "DPoP", "ES256SignatureOnly", "JsonWebTokenHandlerProofOnly"], BenchmarkMethods.NamesOf<DPoPCallBenchmarks>());

    [Fact]
    public async Task BearerAndDPoPSendTheSameGetWithTheirOwnScheme()
    {
        var benchmarks = new DPoPCallBenchmarks { Server = new FixedJsonHandler { Record = true } };
        benchmarks.Setup();
        foreach (var scheme in new[] { "Bearer", "DPoP" })
        {
            var account = scheme == "Bearer" ? await benchmarks.Bearer() : await benchmarks.DPoP();
            Assert.Equal("octocat", account.Login);
            var request = benchmarks.Server.Last!;
            Assert.Equal("GET", request.Method);
            Assert.Equal("https://api.example.com/users/octocat", request.Uri.AbsoluteUri);
            Assert.Equal(scheme + " " + OAuth2CallBenchmarks.AccessToken, request.Authorization);
        }
    }

    [Fact]
    public void TheHandlerFloorMakesAProofOfTheSameShape()
    {
        var benchmarks = new DPoPCallBenchmarks();
        benchmarks.Setup();
        var proof = new JsonWebToken(benchmarks.JsonWebTokenHandlerProofOnly());
        Assert.Equal("dpop+jwt", proof.Typ);
        Assert.Equal("ES256", proof.Alg);
        Assert.Equal("P-256", proof.GetHeaderValue<JsonElement>("jwk").GetProperty("crv").GetString());
        foreach (var claim in new[] { "jti", "htm", "htu", "iat", "ath" }) Assert.True(proof.TryGetPayloadValue<object>(claim, out _), claim);
        Assert.Equal(64, benchmarks.ES256SignatureOnly().Length);
    }
}
