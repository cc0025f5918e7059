using System.Collections.Generic;
using OAuthGen.Testing.Http;
using OAuthGen.Testing.OAuth1;
using OAuthGen.Testing.OAuth2;

namespace OAuthGen.Testing.Tests;

// The runtime has a public OAuthGen.Pkce too, which would win over a using outside the namespace; these tests check the
// provider's own.
using Pkce = OAuthGen.Testing.OAuth2.Pkce;

/// <summary>The provider's own OAuth 1.0a and PKCE code against the official vectors (shared/research/vectors.md).</summary>
public class VerifierVectorTests
{
    [Fact]
    public void The_RFC_5849_section_3_4_1_request_gives_the_exact_base_string_and_the_erratum_2550_signature()
    {
        var header = OAuth1Request.ParseAuthorizationHeader("OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", " +
            "oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", " +
            "oauth_nonce=\"7d8f3e4a\", oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"");
        Assert.Contains(new KeyValuePair<string, string>("realm", "Example"), header);
        Assert.Contains(new KeyValuePair<string, string>("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="), header);

        var parameters = FormEncoding.Parse("b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        parameters.AddRange(FormEncoding.Parse("c2&a3=2+q"));
        parameters.AddRange(header.FindAll(pair => pair.Key is not ("realm" or "oauth_signature")));
        var baseString = SignatureBaseString.Create("POST", "http", "example.com", null, "/request", parameters);

        Assert.Equal("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D" +
            "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp" +
            "%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7", baseString);
        Assert.Equal("r6/TJjbCOr97/+UU0NsvSne7s5g=", HmacSha1Signature.Compute(baseString, "j49sk3j29djd", "dh893hdasih9"));
        Assert.True(HmacSha1Signature.Matches(baseString, "j49sk3j29djd", "dh893hdasih9", "r6/TJjbCOr97/+UU0NsvSne7s5g="));
        Assert.False(HmacSha1Signature.Matches(baseString, "j49sk3j29djd", "dh893hdasih9", "bYT5CMsGcbgUdFHObYMEfcx6bsw="));
    }

    [Theory]
    [InlineData("POST", "https", "/initiate", null, null, "oauth_callback=http%3A%2F%2Fprinter.example.com%2Fready&oauth_nonce=wIjqoS&oauth_timestamp=137131200", "74KNZJeDHnMBp0EMJ9ZHt/XKycU=")]
    [InlineData("POST", "https", "/token", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", "oauth_verifier=hfdp7dh39dks9884&oauth_nonce=walatlh&oauth_timestamp=137131201", "gKgrFCywp7rO0OXSjdot/IHF7IU=")]
    [InlineData("GET", "http", "/photos", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "file=vacation.jpg&size=original&oauth_nonce=chapoH&oauth_timestamp=137131202", "MdpQcU8iPSUjWoN/UDMsK2sui9I=")]
    public void The_RFC_5849_section_1_2_photos_example_signs_as_printed(string method, string scheme, string path, string? token,
        string? tokenSecret, string parameters, string expected)
    {
        var pairs = FormEncoding.Parse(parameters);
        pairs.Add(new("oauth_consumer_key", "dpf43f3p2l4k3l03"));
        pairs.Add(new("oauth_signature_method", "HMAC-SHA1"));
        if (token is not null) pairs.Add(new("oauth_token", token));
        var baseString = SignatureBaseString.Create(method, scheme, "photos.example.net", scheme == "https" ? 443 : 80, path, pairs);

        Assert.Equal(expected, HmacSha1Signature.Compute(baseString, "kd94hf93k423kf44", tokenSecret));
    }

    [Theory]
    [InlineData("http", "EXAMPLE.COM", 80, "/r%20v/X", "http://example.com/r%20v/X")]
    [InlineData("https", "www.example.net", 8080, "/", "https://www.example.net:8080/")]
    [InlineData("HTTP", "www.example.com", 443, "/", "http://www.example.com:443/")]
    [InlineData("http", "www.example.com", null, "", "http://www.example.com/")]
    public void Base_string_URIs_follow_section_3_4_1_2(string scheme, string host, int? port, string path, string expected) =>
        Assert.Equal(expected, SignatureBaseString.BaseUri(scheme, host, port, path));

    [Fact]
    public void The_RFC_7636_appendix_B_verifier_matches_its_challenge()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.True(Pkce.Verify("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        Assert.False(Pkce.Verify("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        Assert.False(Pkce.Verify("short", Pkce.Challenge("short")));
        Assert.False(Pkce.Verify("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    [Fact]
    public void The_RFC_7636_plain_method_compares_the_verifier_itself()
    {
        const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        Assert.True(Pkce.Verify(Verifier, Verifier, "plain"));
        Assert.False(Pkce.Verify(Verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "plain"));
        Assert.False(Pkce.IsValidChallenge("short", "plain"));
    }

    private const string Section3411BaseString = "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D" +
        "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp" +
        "%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";

    [Fact]
    public void The_oauthlib_RSA_SHA1_vector_verifies_with_the_public_key_and_a_changed_base_string_does_not()
    {
        const string PublicKey = "-----BEGIN RSA PUBLIC KEY-----\n" +
            "MIGJAoGBAOTX9vHJLxDyOKF4d5hin/isQomil5BFEoqlkjizmL5Q/BWm6kYCXBdZ\n" +
            "/NfBIxoo8Cgok127u2opGeKqy3m6gdfD3yCPTHvNqa7QKTUu1DhzukUxVqHkhgaE\n" +
            "GLYT3Jw1Lfb1bbuck9Y0JsRJO7uydWUbxXyZ+8YaDfE2NMw7sh2vAgMBAAE=\n" +
            "-----END RSA PUBLIC KEY-----";
        const string Signature = "mFY2KOEnlYWsTvUA+5kxuBIcvBYXu+ljw9ttVJQxKduMueGSVPCB1tK1PlqVLK738HK0t19ecBJfb6rMxUwrriw+MlBO+jpojkZIWccw1J4cAb4qu4M81DbpUAq4j/1w/QyTR4TWCODlEfN7Zfgy8+pf+TjiXfIwRC1jEWbuL1E=";

        Assert.True(RsaSha1Signature.Matches(Section3411BaseString, PublicKey, Signature));
        Assert.False(RsaSha1Signature.Matches(Section3411BaseString.Replace("POST", "GET"), PublicKey, Signature));
        Assert.False(RsaSha1Signature.Matches(Section3411BaseString, PublicKey, "not base64!"));
    }

    [Fact]
    public void The_RFC_5849_PLAINTEXT_signature_is_both_secrets_encoded_and_joined()
    {
        Assert.Equal("ja893SD9&", PlaintextSignature.Compute("ja893SD9", null));
        Assert.Equal("ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&just-a-string%20%20%20%20asdasd",
            PlaintextSignature.Compute("ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ", "just-a-string    asdasd"));
        Assert.Equal("kd94hf93k423kf44&pfkkdhi9sl3r4s00", PlaintextSignature.Compute("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
        Assert.Equal("a%26b%20c&", PlaintextSignature.Compute("a&b c", null));
        Assert.True(PlaintextSignature.Matches("a&b c", "", "a%26b%20c&"));
        Assert.False(PlaintextSignature.Matches("a&b c", "", "a&b c&"));
    }

    [Theory]
    [InlineData("http://127.0.0.1/callback", true)]
    [InlineData("http://127.0.0.1:51234/callback", true)]
    [InlineData("http://127.0.0.1:51234/callback?x=1", false)]
    [InlineData("http://127.0.0.1:51234/callback/", false)]
    [InlineData("http://127.0.0.1:51234/callbackevil", false)]
    [InlineData("http://localhost:51234/callback", false)]
    [InlineData("https://127.0.0.1/callback", false)]
    [InlineData("http://127.0.0.1.evil.example/callback", false)]
    [InlineData("http://127.0.0.1:51234/callback#x", false)]
    public void Redirect_uris_match_exactly_except_for_the_loopback_port(string requested, bool registered) =>
        Assert.Equal(registered, RedirectUris.IsRegistered(["http://127.0.0.1/callback"], requested));
}
