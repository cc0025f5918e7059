using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Testing.Tests;

/// <summary>A generated OAuth 1.0a client against the provider: each RFC 5849 signature method and transmission.</summary>
public sealed class OAuth1ClientTests : IAsyncLifetime
{
    private TestProvider _provider = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        _http = _provider.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    private (IKitOAuth1 Client, Func<OAuthToken?> Token, Action<OAuthToken?> SignIn) Client(OAuth1Consumer consumer, Action<RemoteAppOptions>? configure = null)
    {
        var options = _provider.CreateOptions(consumer, IKitOAuth1.CreateOptions());
        OAuthToken? signedIn = null;
        options.TokenGetter = (_, _) => ValueTask.FromResult(signedIn);
        configure?.Invoke(options);
        return (IKitOAuth1.Create(_http, options), () => signedIn, token => signedIn = token);
    }

    [Theory]
    [InlineData(SignatureMethod.HmacSha1, SignatureType.Header)]
    [InlineData(SignatureMethod.HmacSha1, SignatureType.Query)]
    [InlineData(SignatureMethod.HmacSha1, SignatureType.Body)]
    [InlineData(SignatureMethod.RsaSha1, SignatureType.Header)]
    [InlineData(SignatureMethod.RsaSha1, SignatureType.Query)]
    [InlineData(SignatureMethod.Plaintext, SignatureType.Header)]
    [InlineData(SignatureMethod.Plaintext, SignatureType.Body)]
    public async Task The_whole_dance_and_signed_calls_verify_with_each_method_and_transmission(SignatureMethod method, SignatureType transmission)
    {
        var consumer = _provider.AddOAuth1Consumer(method);
        var (client, _, signIn) = Client(consumer, options =>
        {
            options.SignatureType = transmission;
            // RFC 5849 §3.5.2: body parameters need a form body, so a GET cannot carry them.
            if (transmission == SignatureType.Body) options.RequestTokenMethod = HttpMethod.Post;
        });

        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var result = await client.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url), redirect.Pending);
        signIn(result.Token);
        var echo = await client.EchoAsync("hello & goodbye = 100%");
        if (transmission != SignatureType.Body) Assert.Equal(_provider.DefaultUser.Login, (await client.GetMeAsync()).Login);

        Assert.Equal(_provider.DefaultUser.Login, result.Token!.Extra["screen_name"]);
        Assert.Equal("hello & goodbye = 100%", echo.GetProperty("form").EnumerateArray().Single(pair => pair[0].GetString() == "message")[1].GetString());
        var name = method switch { SignatureMethod.HmacSha1 => "HMAC-SHA1", SignatureMethod.RsaSha1 => "RSA-SHA1", _ => "PLAINTEXT" };
        var wire = transmission.ToString().ToLowerInvariant();
        foreach (var endpoint in new[] { TestEndpoint.OAuth1RequestToken, TestEndpoint.OAuth1AccessToken, TestEndpoint.Api })
        {
            _provider.AssertReceived(new RequestExpectation
            {
                Endpoint = endpoint, SignatureMethod = name, SignatureValid = true, SignatureTransmission = wire, Success = true,
            });
        }
    }

    [Fact]
    public async Task The_user_the_test_names_approves_and_the_signed_calls_act_as_that_user()
    {
        var carol = _provider.AddUser("carol", "Carol Shaw", "carol@example.test");
        var (client, _, signIn) = Client(_provider.AddOAuth1Consumer());

        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var result = await client.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url, carol), redirect.Pending);
        signIn(result.Token);
        var me = await client.GetMeAsync();

        Assert.Equal(("carol", "Carol Shaw", "carol@example.test", carol.Id), (me.Login, me.Name, me.Email, me.Id));
        Assert.Equal(("carol", carol.Id), (result.Token!.Extra["screen_name"], result.Token.Extra["user_id"]));
        Assert.NotEqual(_provider.DefaultUser.Id, me.Id);
    }

    [Fact]
    public async Task An_out_of_band_flow_is_approved_with_the_verifier_the_provider_shows()
    {
        var (client, _, signIn) = Client(_provider.AddOAuth1Consumer());
        var redirect = await client.AuthorizeAsync("oob");

        var misused = await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveAsync(redirect.Url));
        var verifier = await _provider.ApproveOutOfBandAsync(redirect.Url);
        var result = await client.AuthorizedResponseAsync([new("oauth_verifier", verifier)], redirect.Pending);
        signIn(result.Token);

        Assert.Contains("ApproveOutOfBandAsync", misused.Message);
        Assert.False(result.IsDenied);
        Assert.Equal(_provider.DefaultUser.Login, (await client.GetMeAsync()).Login);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth1AccessToken, SignatureValid = true, Success = true });

        var withCallback = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var notOutOfBand = await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveOutOfBandAsync(withCallback.Url));
        Assert.Contains("Use ApproveAsync", notOutOfBand.Message);
    }

    [Fact]
    public async Task A_wrong_consumer_secret_is_refused_as_signature_invalid()
    {
        var consumer = _provider.AddOAuth1Consumer();
        var (client, _, _) = Client(consumer, options => options.ConsumerSecret = "not-" + consumer.Secret);

        await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizeAsync(TestProvider.DefaultRedirectUri));

        var refused = _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth1RequestToken, Error = "signature_invalid" });
        Assert.False(refused.OAuth1!.SignatureValid);
        Assert.Equal(consumer.Key, refused.OAuth1.ConsumerKey);
    }

    [Fact]
    public async Task A_consumer_signs_with_its_registered_method_only()
    {
        var consumer = _provider.AddOAuth1Consumer(SignatureMethod.RsaSha1);
        var (client, _, _) = Client(consumer, options =>
        {
            options.SignatureMethod = SignatureMethod.HmacSha1;
            options.ConsumerSecret = "anything";
        });

        await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizeAsync(TestProvider.DefaultRedirectUri));

        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth1RequestToken, Status = 400, Error = "signature_method_rejected" });
    }

    [Fact]
    public async Task A_registered_RSA_public_key_verifies_the_clients_own_private_key()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var consumer = _provider.AddOAuth1Consumer(SignatureMethod.RsaSha1, rsaPublicKey: rsa.ExportSubjectPublicKeyInfoPem());
        Assert.Null(consumer.RsaPrivateKey);
        var (client, _, _) = Client(consumer, options => options.RsaKey = rsa.ExportPkcs8PrivateKeyPem());

        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);

        Assert.Contains("oauth_token=", redirect.Url.Query);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth1RequestToken, SignatureMethod = "RSA-SHA1", SignatureValid = true });
    }

    [Fact]
    public async Task A_denial_comes_back_denied_and_a_revoked_grant_ends_the_signed_calls()
    {
        var consumer = _provider.AddOAuth1Consumer();
        var (client, token, signIn) = Client(consumer);
        var first = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var denied = await client.AuthorizedResponseAsync(await _provider.DenyAsync(first.Url), first.Pending);
        Assert.True(denied.IsDenied);

        var second = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        signIn((await client.AuthorizedResponseAsync(await _provider.ApproveAsync(second.Url), second.Pending)).Token);
        await client.GetMeAsync();
        Assert.True(_provider.RevokeGrant(token()!.AccessToken));

        var refused = await Assert.ThrowsAsync<OAuthException>(() => client.GetMeAsync());
        Assert.Equal(OAuthErrorType.HttpError, refused.Type);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, Status = 401, Error = "token_rejected" });
    }
}
