using System;
using OAuthGen.Benchmarks.PerCall;
using OAuthGen.Benchmarks.Signing;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>The signing benchmark signs RFC 5849 §1.2's protected-resource request, and every variant gets it right.</summary>
public sealed partial class SigningTests
{
    [Fact]
    public void ComparesOAuthGenAndHandWrittenWithTheHmacFloors() =>
        Assert.Equal(["HandWritten", "KeyedHmacSha1", "OAuthGen", "OneShotHmacSha1"], BenchmarkMethods.NamesOf<SigningBenchmarks>());

    [Theory]
    [InlineData("KeyedHmacSha1")]
    [InlineData("OneShotHmacSha1")]
    public void EachFloorHashesTheRequestsBaseStringWithTheRequestsKey(string floor)
    {
        var benchmarks = new SigningBenchmarks();
        var method = typeof(SigningBenchmarks).GetMethod(floor)!;
        for (var call = 0; call < 3; call++) // the keyed HMAC is reset after each use, so every call gives the same digest
        {
            method.Invoke(benchmarks, null);
            Assert.Equal(SigningBenchmarks.Signature, Convert.ToBase64String(benchmarks.LastDigest));
        }
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
