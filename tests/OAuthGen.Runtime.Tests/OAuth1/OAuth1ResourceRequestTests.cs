using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>Signed resource requests through RemoteApp: what is signed, where the parameters go, nonces and hooks.</summary>
public class OAuth1ResourceRequestTests
{
    private static readonly OAuthToken UserToken = new("user-token") { Secret = "user-token-secret" };

    private static (RemoteApp App, StubHandler Handler) Create(Action<RemoteAppOptions>? configure = null)
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{\"ok\":true}"));
        var options = new RemoteAppOptions
        {
            Name = "twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        };
        configure?.Invoke(options);
        return (new RemoteApp(new HttpClient(handler), options), handler);
    }

    [Fact]
    public async Task Rfc5849_3_4_1_request_is_signed_exactly_through_RemoteApp()
    {
        // The §3.4.1.1 request: query with encoded names and values, a form body with a bare name and '+', realm.
        var (app, handler) = Create(options =>
        {
            options.ConsumerKey = "9djdj82h48djs9d2";
            options.ConsumerSecret = "j49sk3j29djd";
            options.Realm = "Example";
            options.AllowInsecureHttp = true;
            options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(137131201));
            options.NonceGenerator = () => "7d8f3e4a";
        });

        await app.PostAsync("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", "c2&a3=2+q",
            contentType: "application/x-www-form-urlencoded", token: new OAuthToken("kkk9d7dh3k39sjv7") { Secret = "dh893hdasih9" });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("c2&a3=2+q", request.BodyText);
        Assert.Equal(
            "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", " +
            "oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", oauth_signature=\"r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D\"",
            request.Authorization);
    }

    [Fact]
    public async Task A_form_post_signs_every_repeated_parameter_and_the_query()
    {
        var (app, handler) = Create();
        await app.PostAsync("statuses/update.json?include_entities=true",
            new List<KeyValuePair<string, string>> { new("tag", "b"), new("tag", "a"), new("status", "Hello Ladies + Gentlemen, a signed OAuth request!") },
            token: UserToken);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("tag=b&tag=a&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21", request.BodyText);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        var baseString = ProviderCheck.BaseString(request);
        Assert.Contains("include_entities%3Dtrue", baseString);
        Assert.Contains("tag%3Da%26tag%3Db", baseString); // both kept, sorted by value
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));
    }

    [Fact]
    public async Task A_json_body_is_not_signed_and_gets_a_body_hash_only_when_asked()
    {
        var (app, handler) = Create();
        await app.PostAsync("things", new Dictionary<string, string> { ["a"] = "1" }, format: BodyFormat.Json, token: UserToken);
        var plain = handler.Requests[0];
        Assert.Equal("{\"a\":\"1\"}", plain.BodyText);
        Assert.DoesNotContain("oauth_body_hash", plain.Authorization);
        Assert.DoesNotContain("a%3D1", ProviderCheck.BaseString(plain));
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(plain, "consumer-secret", "user-token-secret"));

        var (hashing, hashingHandler) = Create(options => options.IncludeBodyHash = true);
        await hashing.PostAsync("things", new Dictionary<string, string> { ["a"] = "1" }, format: BodyFormat.Json, token: UserToken);
        var hashed = hashingHandler.Requests[0];
        var expectedHash = Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("{\"a\":\"1\"}")));
        Assert.Equal(expectedHash, ProviderCheck.ParseHeader(hashed.Authorization!)["oauth_body_hash"]);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(hashed, "consumer-secret", "user-token-secret"));

        // Form bodies are signed themselves and never get a body hash.
        await hashing.PostAsync("things", new Dictionary<string, string> { ["a"] = "1" }, token: UserToken);
        Assert.DoesNotContain("oauth_body_hash", hashingHandler.Requests[1].Authorization);
    }

    [Fact]
    public async Task Query_placement_puts_the_protocol_parameters_and_signature_in_the_uri()
    {
        var (app, handler) = Create(options => options.SignatureType = SignatureType.Query);
        await app.GetAsync("search.json", new Dictionary<string, string> { ["q"] = "a b" }, token: UserToken);

        var request = Assert.Single(handler.Requests);
        Assert.Null(request.Authorization);
        var query = FormData.Parse(request.Uri.Query);
        Assert.Equal("a b", query["q"]);
        Assert.Equal("consumer-key", query["oauth_consumer_key"]);
        Assert.Equal("user-token", query["oauth_token"]);
        Assert.Equal("1318622958", query["oauth_timestamp"]);
        Assert.NotNull(query["oauth_signature"]);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));
    }

    [Fact]
    public async Task Body_placement_appends_the_protocol_parameters_to_the_form_body()
    {
        var (app, handler) = Create(options =>
        {
            options.SignatureType = SignatureType.Body;
            options.RequestTokenMethod = HttpMethod.Post;
        });
        await app.PostAsync("statuses/update.json", new Dictionary<string, string> { ["status"] = "hi there" }, token: UserToken);

        var request = Assert.Single(handler.Requests);
        Assert.Null(request.Authorization);
        Assert.StartsWith("status=hi%20there&oauth_consumer_key=consumer-key&oauth_token=user-token&", request.BodyText);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));

        // A body that is not a form cannot carry them, nor can a GET.
        await Assert.ThrowsAsync<ArgumentException>(() =>
            app.PostAsync("x", new Dictionary<string, string> { ["a"] = "1" }, format: BodyFormat.Json, token: UserToken));
        await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("x", token: UserToken));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Every_request_gets_a_fresh_csprng_nonce_and_the_injected_clock_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var (app, handler) = Create(options => options.TimeProvider = time);
        await app.GetAsync("a", token: UserToken);
        time.Advance(TimeSpan.FromSeconds(5));
        await app.GetAsync("a", token: UserToken);

        var first = ProviderCheck.ParseHeader(handler.Requests[0].Authorization!);
        var second = ProviderCheck.ParseHeader(handler.Requests[1].Authorization!);
        Assert.Matches("^[A-Za-z0-9]{32}$", first["oauth_nonce"]);
        Assert.NotEqual(first["oauth_nonce"], second["oauth_nonce"]);
        Assert.Equal("1700000000", first["oauth_timestamp"]);
        Assert.Equal("1700000005", second["oauth_timestamp"]);
        Assert.NotEqual(first["oauth_signature"], second["oauth_signature"]);
    }

    [Fact]
    public async Task The_injected_nonce_generator_is_called_once_per_request()
    {
        var count = 0;
        var (app, handler) = Create(options => options.NonceGenerator = () => "n" + Interlocked.Increment(ref count));
        await app.GetAsync("a", token: UserToken);
        await app.GetAsync("a", token: UserToken);
        Assert.Equal("n1", ProviderCheck.ParseHeader(handler.Requests[0].Authorization!)["oauth_nonce"]);
        Assert.Equal("n2", ProviderCheck.ParseHeader(handler.Requests[1].Authorization!)["oauth_nonce"]);
    }

    [Fact]
    public async Task The_token_getter_gets_the_token_name_and_its_secret_signs()
    {
        var asked = new List<TokenRequest>();
        var (app, handler) = Create(options => options.TokenGetter = (request, _) =>
        {
            asked.Add(request);
            return ValueTask.FromResult<OAuthToken?>(request.TokenName == "bot" ? new OAuthToken("bot-token") { Secret = "bot-secret" } : UserToken);
        });
        await app.GetAsync("a", tokenName: "bot");
        Assert.Equal(new TokenRequest("twitter", "bot"), Assert.Single(asked));
        Assert.Equal("bot-token", ProviderCheck.ParseHeader(handler.Requests[0].Authorization!)["oauth_token"]);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(handler.Requests[0], "consumer-secret", "bot-secret"));
    }

    [Fact]
    public async Task PreRequest_runs_after_signing_and_its_changes_are_sent()
    {
        string? seenAuthorization = null;
        var (app, handler) = Create(options => options.PreRequest = (request, _) =>
        {
            seenAuthorization = request.Headers.Authorization?.ToString();
            request.Headers.Add("X-Hook", "ran");
            return ValueTask.CompletedTask;
        });
        await app.GetAsync("a", token: UserToken);
        Assert.StartsWith("OAuth oauth_consumer_key=\"consumer-key\"", seenAuthorization);
        Assert.Equal("ran", handler.Requests[0].Header("X-Hook"));
        Assert.Equal(seenAuthorization, handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Rsa_sha1_signs_with_the_private_key_and_needs_no_consumer_secret()
    {
        var (app, handler) = Create(options =>
        {
            options.SignatureMethod = SignatureMethod.RsaSha1;
            options.RsaKey = TestKeys.RsaPrivateKey;
            options.ConsumerSecret = null;
        });
        await app.GetAsync("a?x=1", token: UserToken);

        var request = Assert.Single(handler.Requests);
        var header = ProviderCheck.ParseHeader(request.Authorization!);
        Assert.Equal("RSA-SHA1", header["oauth_signature_method"]);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(TestKeys.RsaPublicKey);
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(ProviderCheck.BaseString(request)),
            Convert.FromBase64String(header["oauth_signature"]), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(SignatureMethod.HmacSha256, "HMAC-SHA256")]
    [InlineData(SignatureMethod.HmacSha512, "HMAC-SHA512")]
    public async Task Hmac_sha2_methods_are_named_and_keyed_like_hmac_sha1(SignatureMethod method, string name)
    {
        var (app, handler) = Create(options => options.SignatureMethod = method);
        await app.GetAsync("a", token: UserToken);
        var request = Assert.Single(handler.Requests);
        var header = ProviderCheck.ParseHeader(request.Authorization!);
        Assert.Equal(name, header["oauth_signature_method"]);
        var key = Encoding.ASCII.GetBytes("consumer-secret&user-token-secret");
        var data = Encoding.ASCII.GetBytes(ProviderCheck.BaseString(request));
        var expected = method == SignatureMethod.HmacSha256 ? HMACSHA256.HashData(key, data) : HMACSHA512.HashData(key, data);
        Assert.Equal(Convert.ToBase64String(expected), header["oauth_signature"]);
    }

    [Fact]
    public async Task Plaintext_sends_the_encoded_key()
    {
        var (app, handler) = Create(options =>
        {
            options.SignatureMethod = SignatureMethod.Plaintext;
            options.ConsumerSecret = "ja893SD9";
        });
        await app.GetAsync("a", token: new OAuthToken("t") { Secret = "s p" });
        Assert.EndsWith("oauth_signature=\"ja893SD9%26s%2520p\"", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Messy_resource_urls_are_signed_as_they_go_on_the_wire()
    {
        var (app, handler) = Create();
        await app.GetAsync("https://api.twitter.com/1.1/search/caf\u00e9.json?q=[a b]&who=O'Brien&cost=$5&name=Jos\u00e9", token: UserToken);
        var request = Assert.Single(handler.Requests);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));
        Assert.Contains("q%3D%255Ba%2520b%255D", ProviderCheck.BaseString(request));
    }

    [Fact]
    public async Task A_form_body_from_a_stream_is_signed_and_still_sent()
    {
        var (app, handler) = Create();
        var stream = new System.IO.MemoryStream(Encoding.ASCII.GetBytes("a=1&a=2"));
        var content = new StreamContent(stream);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await app.PostAsync("x", content, token: UserToken);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("a=1&a=2", request.BodyText);
        Assert.Contains("a%3D1%26a%3D2", ProviderCheck.BaseString(request));
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret", "user-token-secret"));
    }
}
