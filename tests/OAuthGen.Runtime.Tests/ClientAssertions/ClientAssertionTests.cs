using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.ClientAssertions;

public class ClientAssertionTests
{
    private const string Token = """{"access_token":"at-123456789","token_type":"Bearer","expires_in":3600}""";
    private const string LongSecret = "a-client-secret-of-more-than-32-bytes-for-hs256";

    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly ECDsa P256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa P384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    private static FakeProvider Provider() => new FakeProvider().OnToken(Token)
        .On(FakeProvider.RevocationUrl, _ => StubHandler.Respond("", null));

    private static RemoteApp PrivateKeyApp(FakeProvider provider, string pem, Action<RemoteAppOptions>? configure = null) => provider.App(o =>
    {
        o.ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt;
        o.ConsumerSecret = null;
        o.ClientAssertionKey = pem;
        o.RevocationUrl = FakeProvider.RevocationUrl;
        configure?.Invoke(o);
    });

    /// <summary>The assertion of <paramref name="request"/>, its signature and claims checked with <paramref name="key"/>.</summary>
    private static async Task<JsonWebToken> ValidatedAssertionAsync(RecordedRequest request, SecurityKey key, string audience = FakeProvider.TokenUrl)
    {
        var form = request.Form();
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.DoesNotContain(form, p => p.Key == "client_secret");
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidIssuer = FakeProvider.ClientId,
            ValidAudience = audience,
            // The fake clock is in 2026-01-02; lifetimes are checked below against it.
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    [Fact]
    public async Task Private_key_jwt_with_RSA_signs_RS256_with_iss_sub_aud_jti_and_a_short_expiry_from_the_apps_clock()
    {
        var provider = Provider();
        var app = PrivateKeyApp(provider, Rsa.ExportPkcs8PrivateKeyPem(), o => o.ClientAssertionKeyId = "key-1");
        var now = app.Clock().GetUtcNow();

        await app.ClientCredentialsAsync("scope-a");

        var jwt = await ValidatedAssertionAsync(Assert.Single(provider.Requests), new RsaSecurityKey(Rsa.ExportParameters(false)));
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("key-1", jwt.Kid);
        Assert.Equal(FakeProvider.ClientId, jwt.Subject);
        Assert.Equal(FakeProvider.ClientId, jwt.Issuer);
        Assert.Equal([FakeProvider.TokenUrl], jwt.Audiences);
        Assert.Equal(now.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(now.AddSeconds(60).UtcDateTime, jwt.ValidTo);
        Assert.Equal(43, jwt.Id.Length); // 256 bits, base64url
        Assert.Equal(FakeProvider.ClientId, Assert.Single(provider.Requests).Form()["client_id"]);
    }

    [Fact]
    public async Task Private_key_jwt_picks_ES256_or_ES384_from_the_EC_curve_and_PS256_when_asked()
    {
        foreach (var (pem, key, algorithm, chosen) in new (string, SecurityKey, string, string?)[]
        {
            (P256.ExportPkcs8PrivateKeyPem(), new ECDsaSecurityKey(P256), "ES256", null),
            (P384.ExportECPrivateKeyPem(), new ECDsaSecurityKey(P384), "ES384", null),
            (Rsa.ExportRSAPrivateKeyPem(), new RsaSecurityKey(Rsa.ExportParameters(false)), "PS256", "PS256"),
            // As OpenSSL's "ecparam -genkey" writes it: the curve's parameters before the key.
            ("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + P256.ExportECPrivateKeyPem(),
                new ECDsaSecurityKey(P256), "ES256", null),
        })
        {
            var provider = Provider();
            await PrivateKeyApp(provider, pem, o => o.ClientAssertionAlgorithm = chosen).ClientCredentialsAsync();
            var jwt = await ValidatedAssertionAsync(Assert.Single(provider.Requests), key);
            Assert.Equal(algorithm, jwt.Alg);
        }
    }

    [Fact]
    public async Task Client_secret_jwt_signs_HS256_with_the_secret_which_never_travels()
    {
        var provider = Provider();
        var app = provider.App(o =>
        {
            o.ClientAuthMethod = ClientAuthMethod.ClientSecretJwt;
            o.ConsumerSecret = LongSecret;
        });
        await app.ClientCredentialsAsync();
        var request = Assert.Single(provider.Requests);
        var jwt = await ValidatedAssertionAsync(request, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(LongSecret)));
        Assert.Equal("HS256", jwt.Alg);
        Assert.DoesNotContain(LongSecret, request.BodyText);
        Assert.DoesNotContain(Uri.EscapeDataString(LongSecret), request.BodyText);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Every_request_gets_a_new_jti_and_refresh_revocation_and_device_requests_are_authenticated_too()
    {
        var provider = Provider()
            .On(FakeProvider.TokenUrl, r => StubHandler.Respond(r.Form()["grant_type"] == "refresh_token"
                ? """{"access_token":"at-refreshed-1","refresh_token":"rt-2222222222"}"""
                : """{"access_token":"at-123456789","refresh_token":"rt-1111111111"}"""))
            .On("https://auth.example.com/oauth/device", _ => StubHandler.Respond(
                """{"device_code":"dc-1234567890","user_code":"ABCD","verification_uri":"https://auth.example.com/d","expires_in":60}"""));
        var app = PrivateKeyApp(provider, Rsa.ExportPkcs8PrivateKeyPem(), o => o.DeviceAuthorizationUrl = "https://auth.example.com/oauth/device");

        var token = await app.ClientCredentialsAsync();
        await app.RefreshAsync(token);
        await app.RevokeAsync(token);
        await app.StartDeviceAuthorizationAsync();

        Assert.Equal(4, provider.Requests.Count);
        var key = new RsaSecurityKey(Rsa.ExportParameters(false));
        var ids = new List<string>();
        foreach (var request in provider.Requests)
        {
            // The token endpoint is the audience at every endpoint (OpenID Connect Core §9).
            ids.Add((await ValidatedAssertionAsync(request, key)).Id);
        }
        Assert.Equal(4, ids.Distinct().Count());
    }

    [Fact]
    public async Task ClientAssertionAudience_replaces_the_token_endpoint_as_aud()
    {
        var provider = Provider();
        await PrivateKeyApp(provider, Rsa.ExportPkcs8PrivateKeyPem(), o => o.ClientAssertionAudience = "https://auth.example.com")
            .ClientCredentialsAsync();
        var jwt = await ValidatedAssertionAsync(Assert.Single(provider.Requests), new RsaSecurityKey(Rsa.ExportParameters(false)),
            audience: "https://auth.example.com");
        Assert.Equal(["https://auth.example.com"], jwt.Audiences);
    }

    [Fact]
    public async Task The_audience_is_the_discovered_token_endpoint()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var issuer = "https://idp.example.com/" + tenant;
        var metadataUrl = "https://idp.example.com/.well-known/oauth-authorization-server/" + tenant;
        var provider = new FakeProvider()
            .On(metadataUrl, _ => StubHandler.Respond($$"""{"issuer":"{{issuer}}","token_endpoint":"{{issuer}}/token"}"""))
            .On(issuer + "/token", _ => StubHandler.Respond(Token));
        await PrivateKeyApp(provider, Rsa.ExportPkcs8PrivateKeyPem(), o =>
        {
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = metadataUrl;
        }).ClientCredentialsAsync();
        await ValidatedAssertionAsync(provider.To(issuer + "/token").Single(), new RsaSecurityKey(Rsa.ExportParameters(false)), issuer + "/token");
    }

    public static TheoryData<string, string?, string> Misconfigurations() => new()
    {
        { "missing", null, "ClientAssertionKey" },
        { "public", "RS256", "not an unencrypted PEM private key" },
        { "garbage", null, "neither an RSA nor an EC private key" },
        { "rsa", "ES256", "does not fit an RSA key" },
        { "rsa", "HS256", "does not fit an RSA key" },
        { "ec", "ES384", "does not fit this EC key" },
        { "rsa1024", null, "needs at least 2048 bits" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void Unusable_keys_fail_when_the_app_is_created_without_quoting_the_key(string keyKind, string? algorithm, string expected)
    {
        var pem = keyKind switch
        {
            "public" => Rsa.ExportSubjectPublicKeyInfoPem(),
            "garbage" => "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            "rsa" => Rsa.ExportPkcs8PrivateKeyPem(),
            "ec" => P256.ExportPkcs8PrivateKeyPem(),
            "rsa1024" => RSA.Create(1024).ExportPkcs8PrivateKeyPem(),
            _ => null,
        };
        var error = Assert.Throws<OAuthException>(() => PrivateKeyApp(new FakeProvider(), pem!, o => o.ClientAssertionAlgorithm = algorithm));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("BEGIN", error.Message);
    }

    [Fact]
    public void Client_secret_jwt_refuses_a_secret_shorter_than_the_hash()
    {
        var error = Assert.Throws<OAuthException>(() => new FakeProvider().App(o => o.ClientAuthMethod = ClientAuthMethod.ClientSecretJwt));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("needs at least 32", error.Message);
        Assert.DoesNotContain(FakeProvider.ClientSecret, error.Message);
    }

    [Fact]
    public void JWT_client_authentication_on_an_OAuth1_app_is_invalid_configuration()
    {
        var error = Assert.Throws<OAuthException>(() => new RemoteApp(new HttpClient(), new RemoteAppOptions
        {
            Name = "o1", ConsumerKey = "key", ConsumerSecret = LongSecret, RequestTokenUrl = "https://x.example/rt",
            AccessTokenUrl = "https://x.example/at", AuthorizeUrl = "https://x.example/a", ClientAuthMethod = ClientAuthMethod.ClientSecretJwt,
        }));
        Assert.Contains("OAuth 1.0a", error.Message);
    }

    [Fact]
    public async Task With_an_AppKey_a_missing_key_fails_at_the_first_token_request_naming_the_configuration_keys()
    {
        var provider = Provider();
        var app = PrivateKeyApp(provider, null!, o => o.AppKey = "Partner");
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("Partner:ClientAssertionKey", error.Message);
        Assert.Contains("PARTNER_CLIENT_ASSERTION_KEY", error.Message);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task Configuration_supplies_the_key_and_its_settings_and_ToString_hides_the_key()
    {
        var pem = P256.ExportPkcs8PrivateKeyPem();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partner:ClientAuthMethod"] = "private_key_jwt",
            ["Partner:ClientAssertionKey"] = pem,
            ["PARTNER_CLIENT_ASSERTION_KEY_ID"] = "ec-1",
            ["Partner:ClientAssertionLifetime"] = "00:00:30",
            ["Partner:DeviceAuthorizationUrl"] = "https://auth.example.com/oauth/device",
        }).Build();
        var options = FakeProvider.Options(o =>
        {
            o.AppKey = "Partner";
            o.ConsumerSecret = null;
        });
        RemoteAppConfiguration.Bind(options, configuration);
        Assert.Equal(ClientAuthMethod.PrivateKeyJwt, options.ClientAuthMethod);
        Assert.Equal("https://auth.example.com/oauth/device", options.DeviceAuthorizationUrl);
        Assert.DoesNotContain("PRIVATE", options.ToString());
        Assert.Contains("HasClientAssertionKey = True", options.ToString());

        var provider = Provider();
        var app = new RemoteApp(provider.Client(), options);
        var now = app.Clock().GetUtcNow();
        await app.ClientCredentialsAsync();
        var jwt = await ValidatedAssertionAsync(Assert.Single(provider.Requests), new ECDsaSecurityKey(P256));
        Assert.Equal("ec-1", jwt.Kid);
        Assert.Equal(now.AddSeconds(30).UtcDateTime, jwt.ValidTo);
    }

    [Fact]
    public async Task A_server_echoing_the_assertion_in_its_error_has_it_masked()
    {
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, r => StubHandler.Respond(
                $$"""{"error":"invalid_client","error_description":"bad assertion {{r.Form()["client_assertion"]}}"}""",
                status: System.Net.HttpStatusCode.BadRequest))
            .On("https://auth.example.com/oauth/device", r => StubHandler.Respond(
                $$"""{"error":"invalid_client","error_description":"bad assertion {{r.Form()["client_assertion"]}}"}""",
                status: System.Net.HttpStatusCode.BadRequest));
        var app = PrivateKeyApp(provider, Rsa.ExportPkcs8PrivateKeyPem(), o => o.DeviceAuthorizationUrl = "https://auth.example.com/oauth/device");

        var token = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());
        var device = await Assert.ThrowsAsync<OAuthException>(() => app.StartDeviceAuthorizationAsync());

        foreach (var (error, request) in new[] { (token, provider.Requests[0]), (device, provider.Requests[1]) })
        {
            Assert.Equal("bad assertion ***", error.ErrorDescription);
            Assert.DoesNotContain(request.Form()["client_assertion"]!, error.ToString());
        }
    }

    [Fact]
    public void A_server_echoing_the_key_in_an_error_has_it_scrubbed()
    {
        var pem = Rsa.ExportPkcs8PrivateKeyPem();
        var secrets = KnownSecrets.Of(new RemoteAppOptions { ClientAssertionKey = pem });
        Assert.Equal("echo: ***", secrets.Scrub("echo: " + pem));
    }
}
