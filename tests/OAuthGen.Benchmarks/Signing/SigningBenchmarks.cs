using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using OAuthGen.Benchmarks.PerCall;

namespace OAuthGen.Benchmarks.Signing;

/// <summary>
/// Producing the OAuth 1.0a HMAC-SHA1 Authorization header of one request, against the floor: HMAC-SHA1 alone, keyed
/// once, over that request's signature base string. The request is RFC 5849 §1.2's protected-resource example
/// (GET http://photos.example.net/photos?file=vacation.jpg&amp;size=original), whose signature is known.
/// Goal: OAuthGen ≤ 1.5× the floor's time, and at most two allocations besides the header string.
/// </summary>
[MemoryDiagnoser]
public partial class SigningBenchmarks
{
    /// <summary>The request.</summary>
    public static readonly Uri RequestUri = new("http://photos.example.net/photos?file=vacation.jpg&size=original");

    /// <summary>RFC 5849 §1.2's values for the protected-resource request.</summary>
    public const string ConsumerKey = "dpf43f3p2l4k3l03", ConsumerSecret = "kd94hf93k423kf44",
        Token = "nnch734d00sl2jdk", TokenSecret = "pfkkdhi9sl3r4s00", Nonce = "chapoH";

    /// <summary>RFC 5849 §1.2's timestamp.</summary>
    public const long Timestamp = 137131202;

    /// <summary>The request's signature base string, as printed in RFC 5849 §1.2 (and checked by the tests).</summary>
    public const string BaseString =
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26" +
        "oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26" +
        "oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal";

    /// <summary>The RFC's signature.</summary>
    public const string Signature = "MdpQcU8iPSUjWoN/UDMsK2sui9I=";

    private readonly byte[] _key = Encoding.ASCII.GetBytes(ConsumerSecret + "&" + TokenSecret);
    private readonly byte[] _baseString = Encoding.ASCII.GetBytes(BaseString);
    private readonly byte[] _digest = new byte[HMACSHA1.HashSizeInBytes];
    private readonly IncrementalHash _keyedHmac;
    private readonly HandWrittenOAuth1Signer _handWritten = new(ConsumerKey, ConsumerSecret, Token, TokenSecret)
    {
        Nonce = () => Nonce,
        Timestamp = () => Timestamp,
    };

    /// <summary>Keys the floor's HMAC once, as a signer reusing the (consumer secret, token secret) pair can.</summary>
    public SigningBenchmarks() => _keyedHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _key);

    /// <summary>The digest the last floor call computed (for tests).</summary>
    public ReadOnlySpan<byte> LastDigest => _digest;

    /// <summary>
    /// The floor: HMAC-SHA1 of the base string (already built and encoded) under a key set up once, the digest into a
    /// buffer; what signing costs when nothing but the MAC is left. No allocation.
    /// </summary>
    [Benchmark(Baseline = true)]
    public byte KeyedHmacSha1()
    {
        _keyedHmac.AppendData(_baseString);
        _keyedHmac.TryGetHashAndReset(_digest, out _);
        return _digest[0];
    }

    /// <summary>For reference: one-shot HMAC-SHA1, which keys a new native HMAC on every call (the typical code's MAC).</summary>
    [Benchmark]
    public byte OneShotHmacSha1()
    {
        HMACSHA1.HashData(_key, _baseString, _digest);
        return _digest[0];
    }

    /// <summary>The typical hand-written signer (<see cref="HandWrittenOAuth1Signer"/>), whole header.</summary>
    [Benchmark]
    public string HandWritten() => _handWritten.CreateHeader("GET", RequestUri, null);
}
