using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Benchmarks.PerCall;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// The per-call benchmarks compare like with like: every variant sends the same request to the same in-memory server
/// and returns the same object. A variant that skipped work (no auth header, no body, no JSON) fails here.
/// </summary>
public sealed class PerCallEquivalenceTests
{
    private static readonly string ExpectedAccount = JsonSerializer.Serialize(
        JsonSerializer.Deserialize(FixedJsonHandler.Json, BenchJson.Default.Account)!, BenchJson.Default.Account);

    [Fact]
    public void OAuth2ComparesOAuthGenRefitAndHandWritten() =>
        Assert.Equal(["HandWritten", "OAuthGen", "OAuthGen_Handler", "Refit"], BenchmarkMethods.NamesOf<OAuth2CallBenchmarks>());

    [Fact]
    public async Task OAuth2VariantsSendTheSameBearerGetAndReturnTheSameAccount()
    {
        var benchmarks = new OAuth2CallBenchmarks { Server = new FixedJsonHandler { Record = true } };
        benchmarks.Setup();
        foreach (var method in BenchmarkMethods.Of<OAuth2CallBenchmarks>())
        {
            var account = Assert.IsType<Account>(await BenchmarkMethods.InvokeAsync(method, benchmarks));
            Assert.Equal(ExpectedAccount, JsonSerializer.Serialize(account, BenchJson.Default.Account));
            var request = benchmarks.Server.Last!;
            Assert.Equal("GET", request.Method);
            Assert.Equal("https://api.example.com/users/octocat", request.Uri.AbsoluteUri);
            Assert.Equal("Bearer " + OAuth2CallBenchmarks.AccessToken, request.Authorization);
            Assert.Null(request.Body);
        }
    }

    [Fact]
    public void OAuth1ComparesOAuthGenWithHandWrittenForGetAndForm() =>
        Assert.Equal(["HandWritten_Get", "HandWritten_PostForm", "OAuthGen_Get", "OAuthGen_PostForm"],
            BenchmarkMethods.NamesOf<OAuth1CallBenchmarks>());

    [Theory]
    [InlineData("GET")]
    [InlineData("POST form")]
    public async Task OAuth1VariantsSendTheSameSignedRequestAndReturnTheSameAccount(string category)
    {
        var benchmarks = new OAuth1CallBenchmarks
        {
            Server = new FixedJsonHandler { Record = true },
            FixedNonceAndTime = ("kllo9940pd9333jh", 1191242096),
        };
        benchmarks.Setup();
        var requests = new List<RecordedRequest>();
        foreach (var method in BenchmarkMethods.Of<OAuth1CallBenchmarks>().Where(m => BenchmarkMethods.Category(m) == category))
        {
            var account = Assert.IsType<Account>(await BenchmarkMethods.InvokeAsync(method, benchmarks));
            Assert.Equal(ExpectedAccount, JsonSerializer.Serialize(account, BenchJson.Default.Account));
            requests.Add(benchmarks.Server.Last!);
        }

        Assert.Equal(2, requests.Count);
        var (handWritten, oauthGen) = (requests[0], requests[1]);
        Assert.Equal(handWritten.Method, oauthGen.Method);
        Assert.Equal(handWritten.Uri.AbsoluteUri, oauthGen.Uri.AbsoluteUri);
        Assert.Equal(handWritten.ContentType, oauthGen.ContentType);
        Assert.Equal(WireParsing.FormPairs(handWritten.Body), WireParsing.FormPairs(oauthGen.Body));
        var signed = WireParsing.OAuthHeaderParameters(oauthGen.Authorization);
        Assert.Equal(WireParsing.OAuthHeaderParameters(handWritten.Authorization), signed);
        Assert.Equal("kllo9940pd9333jh", signed["oauth_nonce"]);
        Assert.Equal("HMAC-SHA1", signed["oauth_signature_method"]);

        if (category == "GET")
        {
            Assert.Equal("https://api.example.com/1.1/account/verify_credentials.json?include_email=true&skip_status=true", oauthGen.Uri.AbsoluteUri);
        }
        else
        {
            Assert.Equal("application/x-www-form-urlencoded", oauthGen.ContentType);
            Assert.Equal(
                [KeyValuePair.Create("name", OAuth1CallBenchmarks.ProfileName), KeyValuePair.Create("description", OAuth1CallBenchmarks.ProfileDescription)],
                WireParsing.FormPairs(oauthGen.Body));
        }
    }
}
