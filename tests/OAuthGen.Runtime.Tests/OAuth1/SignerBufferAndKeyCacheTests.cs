using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>
/// The signer works in stack buffers sized for everyday requests and reuses, per thread, the last keyed HMAC and the
/// last encoded consumer key, token and method. These tests drive the paths around them: requests larger than every
/// stack buffer, more parameters than the small-input sort handles, and secrets, keys, tokens and methods that are
/// equal but not the same string instances, or that change between signatures, on one thread and on several.
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

    [Fact]
    public void Changed_consumer_keys_tokens_and_methods_between_signatures_sign_like_the_reference()
    {
        string Copy(string value) => new(value.AsSpan());

        // Each call differs from the one before in one credential (the same instance again, an equal copy, a changed
        // character, a token that needs encoding, no token, another method), and the list runs twice so the first call
        // of the second round follows the last of the first.
        (string Key, string? Token, SignatureMethod Method)[] credentials =
        [
            ("dpf43f3p2l4k3l03", "nnch734d00sl2jdk", SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l03", "nnch734d00sl2jdk", SignatureMethod.HmacSha1),
            (Copy("dpf43f3p2l4k3l03"), Copy("nnch734d00sl2jdk"), SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l04", "nnch734d00sl2jdk", SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l04", "nnch734d00sl2jdl", SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l04", "token with space/é=", SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l04", null, SignatureMethod.HmacSha1),
            ("dpf43f3p2l4k3l04", "", SignatureMethod.HmacSha1),
            ("key & more", "nnch734d00sl2jdk", SignatureMethod.HmacSha1),
            ("key & more", "nnch734d00sl2jdk", SignatureMethod.HmacSha256),
            ("key & more", "nnch734d00sl2jdk", SignatureMethod.Plaintext),
        ];
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");
        for (var round = 0; round < 2; round++)
        {
            foreach (var (key, token, method) in credentials)
            {
                Assert.Equal(ReferenceHeader(uri, key, token, method, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", "chapoH", 137131202),
                    OAuth1Signer.CreateAuthorizationHeader("GET", uri, null, key, "kd94hf93k423kf44", token, "pfkkdhi9sl3r4s00",
                        "chapoH", 137131202, method));
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Threads_signing_with_their_own_credentials_at_once_sign_like_the_reference()
    {
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");
        var failures = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 4).Select(thread => System.Threading.Tasks.Task.Run(() =>
        {
            var wrong = 0;
            for (var i = 0; i < 2_000; i++)
            {
                // Every thread alternates between two consumers of its own, so each call replaces what the last one kept.
                var key = $"consumer-{thread}-{i % 2}";
                var token = i % 3 == 0 ? null : $"token-{thread}-{i % 2}";
                var consumerSecret = $"secret-{thread}";
                var tokenSecret = $"token-secret-{thread}-{i % 2}";
                var nonce = $"nonce{i}";
                var header = OAuth1Signer.CreateAuthorizationHeader("GET", uri, null, key, consumerSecret, token, tokenSecret, nonce, 1_700_000_000 + i);
                if (header != ReferenceHeader(uri, key, token, SignatureMethod.HmacSha1, consumerSecret, tokenSecret, nonce, 1_700_000_000 + i)) wrong++;
            }
            return wrong;
        })));
        Assert.All(failures, wrong => Assert.Equal(0, wrong));
    }

    [Theory]
    [InlineData("http://photos.example.net/photos?file=vacation.jpg&size=original")]
    [InlineData("HTTPS://Api.Example.COM:8443?flag&&x=&=v&a=1&a=0&oauth_signature=dropped&b~.-_=Z9")]
    [InlineData("http://example.com/p?a=b=c&x==&=&==y&z=1")]
    [InlineData("http://example.com:80/a/b;c,d/e@f:g!$'()*+=h/?q=a+b&r=%41%2F%zz&s=%C3%A9")]
    [InlineData("https://example.com/a%20path/%7Euser/%C3%A9?x=[1]&y=$&z=é")]
    [InlineData("https://xn--bcher-kva.example/path?oauth_signature&a")]
    [InlineData("https://[2001:db8::1]:8080/v1?a=b")]
    [InlineData("http://192.168.0.1/")]
    public void Base_string_uri_and_query_parameters_match_the_reference(string text)
    {
        // Plain queries are copied in one go and plain URIs encoded part by part; the others take the general paths.
        var uri = new Uri(text);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        var baseUri = uri.Scheme.ToLowerInvariant() + "://" + host.ToLowerInvariant() +
            (uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + uri.AbsolutePath;
        List<KeyValuePair<string, string>> protocol = [new("oauth_consumer_key", "k"), new("oauth_nonce", "n")];

        var expected = ReferenceBaseString("GET", baseUri, [.. FormData.Parse(uri.Query).Where(p => p.Key != "oauth_signature"), .. protocol]);

        Assert.Equal(expected, OAuth1Signer.ComputeBaseString("get", uri, protocol));
        Assert.Equal(baseUri, OAuth1Signer.NormalizeBaseStringUri(uri));
    }

    /// <summary>RFC 5849 §3.5.1's header of a GET of <paramref name="uri"/>, from the reference base string and signature.</summary>
    private static string ReferenceHeader(Uri uri, string key, string? token, SignatureMethod method, string consumerSecret,
        string tokenSecret, string nonce, long timestamp)
    {
        var methodName = method switch
        {
            SignatureMethod.HmacSha1 => "HMAC-SHA1",
            SignatureMethod.HmacSha256 => "HMAC-SHA256",
            _ => "PLAINTEXT",
        };
        var timestampText = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> parameters =
        [
            .. FormData.Parse(uri.Query),
            new("oauth_consumer_key", key), new("oauth_signature_method", methodName), new("oauth_timestamp", timestampText),
            new("oauth_nonce", nonce),
        ];
        if (token is not null) parameters.Add(new("oauth_token", token));
        var baseString = ReferenceBaseString("GET", uri.GetLeftPart(UriPartial.Path), parameters);
        var signature = method switch
        {
            SignatureMethod.HmacSha1 => ReferenceHmacSha1(baseString, consumerSecret, tokenSecret),
            SignatureMethod.HmacSha256 => Convert.ToBase64String(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret)), Encoding.ASCII.GetBytes(baseString))),
            _ => Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret),
        };
        return $"OAuth oauth_consumer_key=\"{Uri.EscapeDataString(key)}\", " +
            (token is null ? "" : $"oauth_token=\"{Uri.EscapeDataString(token)}\", ") +
            $"oauth_signature_method=\"{methodName}\", oauth_timestamp=\"{timestampText}\", oauth_nonce=\"{Uri.EscapeDataString(nonce)}\", " +
            $"oauth_signature=\"{Uri.EscapeDataString(signature)}\"";
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
