using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks.Signing;

public partial class SigningBenchmarks
{
    /// <summary>OAuthGen's public signer (<see cref="OAuth1Signer"/>), whole header.</summary>
    [Benchmark]
    public string OAuthGen() => OAuth1Signer.CreateAuthorizationHeader("GET", RequestUri, null,
        ConsumerKey, ConsumerSecret, Token, TokenSecret, Nonce, Timestamp);
}
