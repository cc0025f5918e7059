using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>Every vector of shared/research/vectors.md, through the public <see cref="OAuth1Signer"/>.</summary>
public class SignatureVectorTests
{
    // RFC 5849 §3.4.1.1: the POST /request example. The query stays in the URI; body and header parameters are passed.
    private static readonly Uri Rfc341Uri = new("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");

    private static readonly KeyValuePair<string, string>[] Rfc341BodyAndHeader =
    [
        .. FormData.Parse("c2&a3=2+q"),
        new("oauth_consumer_key", "9djdj82h48djs9d2"), new("oauth_token", "kkk9d7dh3k39sjv7"),
        new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131201"), new("oauth_nonce", "7d8f3e4a"),
    ];

    private const string Rfc341BaseString =
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D" +
        "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1" +
        "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";

    [Fact]
    public void Rfc5849_3_4_1_3_2_normalized_parameters_keep_duplicates_sorted_by_encoded_name_then_value()
    {
        var all = new List<KeyValuePair<string, string>>(FormData.Parse(Rfc341Uri.Query));
        all.AddRange(Rfc341BodyAndHeader);
        Assert.Equal(
            "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a" +
            "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
            OAuth1Signer.NormalizeParameters(all));
    }

    [Fact]
    public void Rfc5849_3_4_1_1_base_string_is_exact()
    {
        Assert.Equal(Rfc341BaseString, OAuth1Signer.ComputeBaseString("POST", Rfc341Uri, Rfc341BodyAndHeader));
        Assert.Equal(Rfc341BaseString, OAuth1Signer.ComputeBaseString("post", Rfc341Uri, Rfc341BodyAndHeader));
    }

    [Fact]
    public void Rfc5849_3_1_hmac_sha1_is_the_erratum_2550_value_not_the_printed_one()
    {
        var signature = OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, Rfc341BaseString, "j49sk3j29djd", "dh893hdasih9");
        Assert.Equal("r6/TJjbCOr97/+UU0NsvSne7s5g=", signature);
        Assert.NotEqual("bYT5CMsGcbgUdFHObYMEfcx6bsw=", signature);
    }

    [Theory]
    [InlineData("http://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X")]
    [InlineData("https://www.example.net:8080/?q=1", "https://www.example.net:8080/")]
    [InlineData("http://www.example.com:80/", "http://www.example.com/")]
    [InlineData("https://www.example.com:443/", "https://www.example.com/")]
    [InlineData("HTTP://www.example.com:443/", "http://www.example.com:443/")]
    [InlineData("HTTPS://www.example.com:80/", "https://www.example.com:80/")]
    [InlineData("http://www.example.com", "http://www.example.com/")]
    [InlineData("https://www.example.com/path?foo=bar", "https://www.example.com/path")]
    [InlineData("https://www.example.com/path#fragment", "https://www.example.com/path")]
    [InlineData("https://[123:db8:fd00:1000::5]:13000", "https://[123:db8:fd00:1000::5]:13000/")]
    [InlineData("https://www.example.com/hello world", "https://www.example.com/hello%20world")]
    public void Rfc5849_3_4_1_2_base_string_uri(string uri, string expected) =>
        Assert.Equal(expected, OAuth1Signer.NormalizeBaseStringUri(new Uri(uri)));

    private const string PhotosKey = "dpf43f3p2l4k3l03";
    private const string PhotosSecret = "kd94hf93k423kf44";

    [Fact]
    public void Rfc5849_1_2_temporary_credentials_request()
    {
        var baseString = OAuth1Signer.ComputeBaseString("POST", new Uri("https://photos.example.net/initiate"),
        [
            new("oauth_consumer_key", PhotosKey), new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131200"),
            new("oauth_nonce", "wIjqoS"), new("oauth_callback", "http://printer.example.com/ready"),
        ]);
        Assert.Equal(
            "POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready" +
            "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200",
            baseString);
        Assert.Equal("74KNZJeDHnMBp0EMJ9ZHt/XKycU=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, baseString, PhotosSecret, null));
        Assert.Equal("74KNZJeDHnMBp0EMJ9ZHt/XKycU=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, baseString, PhotosSecret, ""));
        // The scheme is part of the base string.
        var overHttp = OAuth1Signer.ComputeBaseString("POST", new Uri("http://photos.example.net/initiate"),
        [
            new("oauth_consumer_key", PhotosKey), new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "137131200"),
            new("oauth_nonce", "wIjqoS"), new("oauth_callback", "http://printer.example.com/ready"),
        ]);
        Assert.Equal("mIPx9sQqO97OuihOwUEyB7c4/GI=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, overHttp, PhotosSecret));
    }

    [Fact]
    public void Rfc5849_1_2_token_credentials_request()
    {
        KeyValuePair<string, string>[] parameters =
        [
            new("oauth_consumer_key", PhotosKey), new("oauth_token", "hh5s93j4hdidpola"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131201"), new("oauth_nonce", "walatlh"), new("oauth_verifier", "hfdp7dh39dks9884"),
        ];
        var baseString = OAuth1Signer.ComputeBaseString("POST", new Uri("https://photos.example.net/token"), parameters);
        Assert.Equal(
            "POST&https%3A%2F%2Fphotos.example.net%2Ftoken&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dwalatlh" +
            "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dhh5s93j4hdidpola%26oauth_verifier%3Dhfdp7dh39dks9884",
            baseString);
        Assert.Equal("gKgrFCywp7rO0OXSjdot/IHF7IU=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, baseString, PhotosSecret, "hdhd0244k9j7ao03"));
        var overHttp = OAuth1Signer.ComputeBaseString("POST", new Uri("http://photos.example.net/token"), parameters);
        Assert.Equal("ZgObLakjujpjYvaFipAou+ED/Ks=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, overHttp, PhotosSecret, "hdhd0244k9j7ao03"));
    }

    [Fact]
    public void Rfc5849_1_2_protected_resource_request_signs_the_query()
    {
        KeyValuePair<string, string>[] protocol =
        [
            new("oauth_consumer_key", PhotosKey), new("oauth_token", "nnch734d00sl2jdk"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131202"), new("oauth_nonce", "chapoH"),
        ];
        var baseString = OAuth1Signer.ComputeBaseString("GET", new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original"), protocol);
        Assert.Equal(
            "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH" +
            "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
            baseString);
        Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, baseString, PhotosSecret, "pfkkdhi9sl3r4s00"));
        var overHttps = OAuth1Signer.ComputeBaseString("GET", new Uri("https://photos.example.net/photos?file=vacation.jpg&size=original"), protocol);
        Assert.Equal("91yh92rtXzicpezVYjTDNzieVps=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, overHttps, PhotosSecret, "pfkkdhi9sl3r4s00"));

        Assert.Equal(
            "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\", " +
            "oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"",
            OAuth1Signer.CreateAuthorizationHeader("GET", new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original"), null,
                PhotosKey, PhotosSecret, "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "chapoH", 137131202, realm: "Photos"));
    }

    [Fact]
    public void Rfc5849_2_1_plaintext_keeps_the_ampersand_and_is_percent_encoded_in_the_header()
    {
        Assert.Equal("ja893SD9&", OAuth1Signer.ComputeSignature(SignatureMethod.Plaintext, "ignored", "ja893SD9", null));
        var header = OAuth1Signer.CreateAuthorizationHeader("POST", new Uri("https://photos.example.net/initiate"), null,
            "dpf43f3p2l4k3l03", "ja893SD9", null, null, "nonce", 137131200, SignatureMethod.Plaintext);
        Assert.EndsWith("oauth_signature=\"ja893SD9%26\"", header);
        Assert.Contains("oauth_signature_method=\"PLAINTEXT\"", header);
    }

    private const string OauthlibClientSecret = "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ";
    private const string OauthlibTokenSecret = "just-a-string    asdasd";

    [Theory]
    [InlineData(SignatureMethod.HmacSha1, "wsdNmjGB7lvis0UJuPAmjvX/PXw=")]
    [InlineData(SignatureMethod.HmacSha256, "wdfdHUKXHbOnOGZP8WFAWMSAmWzN3EVBWWgXGlC/Eo4=")]
    [InlineData(SignatureMethod.HmacSha512, "u/vlyZFDxOWOZ9UUXwRBJHvq8/T4jCA74ocRmn2ECnjUBTAeJiZIRU8hDTjS88Tz1fGONffMpdZxUkUTW3k1kg==")]
    [InlineData(SignatureMethod.Plaintext, "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&just-a-string%20%20%20%20asdasd")]
    public void Oauthlib_hmac_and_plaintext_vectors(SignatureMethod method, string expected) =>
        Assert.Equal(expected, OAuth1Signer.ComputeSignature(method, Rfc341BaseString, OauthlibClientSecret, OauthlibTokenSecret));

    [Theory]
    [InlineData(SignatureMethod.RsaSha1, "mFY2KOEnlYWsTvUA+5kxuBIcvBYXu+ljw9ttVJQxKduMueGSVPCB1tK1PlqVLK738HK0t19ecBJfb6rMxUwrriw+MlBO+jpojkZIWccw1J4cAb4qu4M81DbpUAq4j/1w/QyTR4TWCODlEfN7Zfgy8+pf+TjiXfIwRC1jEWbuL1E=")]
    [InlineData(SignatureMethod.RsaSha256, "jqKl6m0WS69tiVJV8ZQ6aQEfJqISoZkiPBXRv6Al2+iFSaDpfeXjYm+Hbx6m1azRdrZ/35PM3cvuid3LwW/siAkzb0xQcGnTyAPH8YcGWzmnKGY7LsB7fkqThchNxvRK/N7s9M1WMnfZZ+1dQbbwtTs1TG1+iexUcV7r3M7Heec=")]
    public void Oauthlib_rsa_vectors_and_they_verify_with_the_public_key(SignatureMethod method, string expected)
    {
        var signature = OAuth1Signer.ComputeSignature(method, Rfc341BaseString, consumerSecret: null, rsaKeyPem: TestKeys.RsaPrivateKey);
        Assert.Equal(expected, signature);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(TestKeys.RsaPublicKey);
        var hash = method == SignatureMethod.RsaSha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(Rfc341BaseString), Convert.FromBase64String(signature), hash, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Oauthlib_rsa_sha512_vector_reproduces_with_the_same_key_and_padding()
    {
        // RSA-SHA512 is not a SignatureMethod (RFC 5849 defines RSA-SHA1; RSA-SHA256 is the common extension), but the
        // vector pins that the key and PKCS#1 v1.5 padding are used exactly as oauthlib does.
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.RsaPrivateKey);
        Assert.Equal(
            "jL1CnjlsNd25qoZVHZ2oJft47IRYTjpF5CvCUjL3LY0NTnbEeVhE4amWXUFBe9GLDWdUh/79ZWNOrCirBFIP26cHLApjYdt4ZG7EVK0/GubS2v8wT1QPRsog8zyiMZkmg4JXdWCGXG8YRvRJTg+QKhXuXwS6TcMNakrgzgFIVhA=",
            Convert.ToBase64String(rsa.SignData(Encoding.ASCII.GetBytes(Rfc341BaseString), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1)));
    }

    private static readonly KeyValuePair<string, string>[] TwitterParameters =
    [
        new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), new("include_entities", "true"),
        new("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"), new("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        new("oauth_signature_method", "HMAC-SHA1"), new("oauth_timestamp", "1318622958"),
        new("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"), new("oauth_version", "1.0"),
    ];

    [Theory]
    [InlineData("https://api.twitter.com/1.1/statuses/update.json", "hCtSmYh+iHYCEqBWrE7C7hYmtUk=")]
    [InlineData("https://api.twitter.com/1/statuses/update.json", "tnnArxj06cWHq44gCs1OSKk/jLY=")]
    public void Twitter_creating_a_signature_vector(string url, string expected)
    {
        Assert.Equal(
            "include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg" +
            "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb" +
            "&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
            OAuth1Signer.NormalizeParameters(TwitterParameters));
        var baseString = OAuth1Signer.ComputeBaseString("POST", new Uri(url), TwitterParameters);
        Assert.Equal(expected, OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, baseString,
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("-._~AZaz09", "-._~AZaz09")]
    [InlineData("+,!'$[]", "%2B%2C%21%27%24%5B%5D")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("=%3D", "%3D%253D")]
    public void Percent_encoding_is_rfc3986_with_upper_case_hex(string value, string expected) =>
        Assert.Equal(expected, OAuth1Signer.PercentEncode(value));

    [Fact]
    public void Messy_urls_are_re_encoded_the_way_they_go_on_the_wire()
    {
        // Raw [ ] ' $, a space and non-ASCII in the query: signed as their decoded values, never rejected.
        var messy = OAuth1Signer.ComputeBaseString("GET", new Uri("https://api.example.com/caf\u00e9/search?q=[a b]&who=O'Brien&cost=$5&name=Jos\u00e9"));
        Assert.Equal(
            "GET&https%3A%2F%2Fapi.example.com%2Fcaf%25C3%25A9%2Fsearch&cost%3D%25245%26name%3DJos%25C3%25A9%26q%3D%255Ba%2520b%255D%26who%3DO%2527Brien",
            messy);
        // The same request written cleanly gives the same base string.
        var clean = OAuth1Signer.ComputeBaseString("GET", new Uri("https://api.example.com/caf%C3%A9/search?q=%5Ba%20b%5D&who=O%27Brien&cost=%245&name=Jos%C3%A9"));
        Assert.Equal(messy, clean);
    }

    [Fact]
    public void Rsa_methods_without_a_private_key_are_argument_errors_that_do_not_quote_the_key()
    {
        Assert.Throws<ArgumentException>(() => OAuth1Signer.ComputeSignature(SignatureMethod.RsaSha1, "x", null));
        var error = Assert.Throws<ArgumentException>(() => OAuth1Signer.ComputeSignature(SignatureMethod.RsaSha256, "x", null, rsaKeyPem: TestKeys.RsaPublicKey));
        Assert.DoesNotContain("MIGJAoGBAOTX9vHJLxDyOKF4d5hin", error.ToString());
    }

    [Fact]
    public void Signatures_stay_exact_when_secrets_and_methods_alternate()
    {
        // The keyed HMAC is reused between signatures with the same key; switching keys or methods must re-key it.
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("r6/TJjbCOr97/+UU0NsvSne7s5g=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, Rfc341BaseString, "j49sk3j29djd", "dh893hdasih9"));
            Assert.Equal("wsdNmjGB7lvis0UJuPAmjvX/PXw=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, Rfc341BaseString, OauthlibClientSecret, OauthlibTokenSecret));
            Assert.Equal("wdfdHUKXHbOnOGZP8WFAWMSAmWzN3EVBWWgXGlC/Eo4=", OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha256, Rfc341BaseString, OauthlibClientSecret, OauthlibTokenSecret));
            var other = Rfc341BaseString + "x";
            Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.ASCII.GetBytes("j49sk3j29djd&dh893hdasih9"), Encoding.ASCII.GetBytes(other))),
                OAuth1Signer.ComputeSignature(SignatureMethod.HmacSha1, other, "j49sk3j29djd", "dh893hdasih9"));
        }
    }
}
