using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>
/// The signer works in stack buffers sized for everyday requests and reuses the last keyed HMAC per thread. These
/// tests drive the paths around them: requests larger than every stack buffer, more parameters than the small-input
/// sort handles, and secrets that are equal but not the same string instances, or that change between signatures.
/// The expected values come from a plain reference implementation (RFC 5849 §3.4.1 with LINQ and one-shot HMAC).
/// </summary>
public class SignerBufferAndKeyCacheTests
{
    [Fact]
    public void A_request_larger_than_the_stack_buffers_with_many_parameters_signs_like_the_reference()
    {
        var random = new Random(5849);
        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < 60; i++)
        {
            // Shuffled names sharing long prefixes (so the sort goes past the first eight bytes), duplicates with different
            // values, values that need escaping (space, '%', non-ASCII) and some long enough to outgrow any stack buffer.
            var name = i % 7 == 0 ? "oauth_extension_parameter" : $"param_with_a_long_common_prefix_{random.Next(20)}";
            var value = (i % 3) switch
            {
                0 => $"v {i} 100% é",
                1 => new string((char)('a' + i % 26), 40 + random.Next(200)),
                _ => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            parameters.Add(new(name, value));
        }
        var uri = new Uri("https://api.example.com/1.1/a%20path/with/" + new string('x', 300) + "?q=a+b&list=1&list=2&empty=&flag");
        const string ConsumerSecret = "consumer secret with spaces & symbols", TokenSecret = "token/secret=";

        var header = OAuth1Signer.CreateAuthorizationHeader("post", uri, parameters, "key", ConsumerSecret, "token", TokenSecret,
            "nonce", 1_700_000_000);

        var protocol = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", "key"), new("oauth_token", "token"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "1700000000"), new("oauth_nonce", "nonce"),
        };
        var expectedBaseString = ReferenceBaseString("POST", "https://api.example.com/1.1/a%20path/with/" + new string('x', 300),
            [new("q", "a b"), new("list", "1"), new("list", "2"), new("empty", ""), new("flag", ""), .. parameters, .. protocol]);
        Assert.True(expectedBaseString.Length > 4096);
        Assert.Equal(expectedBaseString, OAuth1Signer.ComputeBaseString("POST", uri, [.. parameters, .. protocol]));

        var expectedSignature = ReferenceHmacSha1(expectedBaseString, ConsumerSecret, TokenSecret);
        Assert.Equal(expectedSignature, OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, expectedBaseString, ConsumerSecret, TokenSecret));
        Assert.Equal(
            "OAuth oauth_consumer_key=\"key\", oauth_token=\"token\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1700000000\", " +
            $"oauth_nonce=\"nonce\", oauth_signature=\"{Uri.EscapeDataString(expectedSignature)}\"",
            header);
    }

    [Fact]
    public void Long_secrets_and_a_long_realm_outgrow_the_key_and_header_buffers()
    {
        var consumerSecret = string.Concat(Enumerable.Repeat("sécret/", 40));
        var tokenSecret = string.Concat(Enumerable.Repeat("tøken ", 40));
        var realm = new string('r', 600);
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");

        var header = OAuth1Signer.CreateAuthorizationHeader("GET", uri, null, "dpf43f3p2l4k3l03", consumerSecret, "nnch734d00sl2jdk", tokenSecret,
            "chapoH", 137131202, realm: realm);

        var baseString = OAuth1Signer.ComputeBaseString("GET", uri,
        [
            new("oauth_consumer_key", "dpf43f3p2l4k3l03"), new("oauth_token", "nnch734d00sl2jdk"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131202"), new("oauth_nonce", "chapoH"),
        ]);
        var signature = ReferenceHmacSha1(baseString, consumerSecret, tokenSecret);
        Assert.StartsWith($"OAuth realm=\"{realm}\", oauth_consumer_key=", header);
        Assert.EndsWith($", oauth_signature=\"{Uri.EscapeDataString(signature)}\"", header);
        Assert.Equal(
            Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret),
            OAuth1Signer.ComputeSignature(SignatureMethod.Plaintext, baseString, consumerSecret, tokenSecret));
    }

    [Fact]
    public void Equal_secrets_in_new_string_instances_and_changed_secrets_sign_like_the_reference()
    {
        const string BaseString = "GET&http%3A%2F%2Fexample.com%2F&a%3Db";
        string Copy(string value) => new(value.AsSpan());

        // Same instances, then equal copies (the cache compares contents), then one changed character in a copy, then
        // a null token secret after an empty one (the same key: "secret&"), alternating so each call sees the previous key.
        (string? Consumer, string? Token)[] keys =
        [
            ("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
            (Copy("kd94hf93k423kf44"), Copy("pfkkdhi9sl3r4s00")),
            (Copy("kd94hf93k423kf44"), Copy("pfkkdhi9sl3r4s01")),
            ("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
            ("kd94hf93k423kf44", ""),
            ("kd94hf93k423kf44", null),
            (Copy("kd94hf93k423kf4"), Copy("4&pfkkdhi9sl3r4s00")),
            (null, null),
        ];
        for (var round = 0; round < 2; round++)
        {
            foreach (var (consumer, token) in keys)
            {
                Assert.Equal(ReferenceHmacSha1(BaseString, consumer, token),
                    OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, BaseString, consumer, token));
            }
        }
    }

    private static string ReferenceBaseString(string method, string baseUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = string.Join("&", parameters
            .Select(p => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
        return method + "&" + Uri.EscapeDataString(baseUri) + "&" + Uri.EscapeDataString(normalized);
    }

    private static string ReferenceHmacSha1(string baseString, string? consumerSecret, string? tokenSecret)
    {
        var key = Uri.EscapeDataString(consumerSecret ?? "") + "&" + Uri.EscapeDataString(tokenSecret ?? "");
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(baseString)));
    }
}
