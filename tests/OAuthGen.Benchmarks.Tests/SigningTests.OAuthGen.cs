using OAuthGen.Benchmarks.Signing;

namespace OAuthGen.Benchmarks.Tests;

public sealed partial class SigningTests
{
    [Fact]
    public void OAuthGenSignsOverTheSameBaseStringAsTheFloor() =>
        Assert.Equal(SigningBenchmarks.BaseString, OAuth1Signer.ComputeBaseString("GET", SigningBenchmarks.RequestUri,
        [
            new("oauth_consumer_key", SigningBenchmarks.ConsumerKey),
            new("oauth_nonce", SigningBenchmarks.Nonce),
            new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131202"),
            new("oauth_token", SigningBenchmarks.Token),
        ]));
}
