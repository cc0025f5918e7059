using System;
using System.Security.Cryptography;
using System.Text;
using OAuthGen.Benchmarks.PerCall;
using OAuthGen.Benchmarks.Signing;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>The signing benchmark signs RFC 5849 §1.2's protected-resource request, and every variant gets it right.</summary>
public sealed partial class SigningTests
{
    [Fact]
    public void ComparesOAuthGenAndHandWrittenWithTheRawHmacFloor() =>
        Assert.Equal(["HandWritten", "OAuthGen", "RawHmacSha1"], BenchmarkMethods.NamesOf<SigningBenchmarks>());

    [Fact]
    public void TheFloorHashesTheRequestsBaseStringWithTheRequestsKey()
    {
        var signature = HMACSHA1.HashData(
            Encoding.ASCII.GetBytes(SigningBenchmarks.ConsumerSecret + "&" + SigningBenchmarks.TokenSecret),
            Encoding.ASCII.GetBytes(SigningBenchmarks.BaseString));
        Assert.Equal(SigningBenchmarks.Signature, Convert.ToBase64String(signature));
    }

    [Theory]
    [InlineData("HandWritten")]
    [InlineData("OAuthGen")]
    public void EachSignerProducesTheRfcSignature(string variant)
    {
        var header = Assert.IsType<string>(typeof(SigningBenchmarks).GetMethod(variant)!.Invoke(new SigningBenchmarks(), null));
        var parameters = WireParsing.OAuthHeaderParameters(header);
        Assert.Equal(SigningBenchmarks.Signature, parameters["oauth_signature"]);
        Assert.Equal(SigningBenchmarks.ConsumerKey, parameters["oauth_consumer_key"]);
        Assert.Equal(SigningBenchmarks.Token, parameters["oauth_token"]);
    }

    [Fact]
    public void HandWrittenSignerReproducesRfc5849Section1_2()
    {
        var signer = new HandWrittenOAuth1Signer(SigningBenchmarks.ConsumerKey, SigningBenchmarks.ConsumerSecret,
            SigningBenchmarks.Token, SigningBenchmarks.TokenSecret) { Nonce = () => "chapoH", Timestamp = () => 137131202 };
        var parameters = WireParsing.OAuthHeaderParameters(signer.CreateHeader("GET", SigningBenchmarks.RequestUri, null));
        Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", parameters["oauth_signature"]);
    }
}
