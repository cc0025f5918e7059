using System;
using System.Linq;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

public class IdTokenValidationTests
{
    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    public async Task A_valid_id_token_signs_the_user_in_with_its_claims(string algorithm)
    {
        var server = new OidcServer(algorithm);
        var app = server.App();

        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        var nonce = redirect.Pending.Nonce;
        Assert.NotNull(nonce);
        Assert.True(nonce!.Length >= 43, "a 256-bit nonce");
        Assert.True(redirect.Pending.OpenIdConnect);
        Assert.Contains("&nonce=" + nonce, redirect.Url.Query);
        // The nonce survives the round trip through the caller's storage.
        var pending = PendingAuthorization.FromJson(redirect.Pending.ToJson());
        Assert.Equal(nonce, pending.Nonce);

        server.TokenResponse = $$"""{"access_token":"{{OidcServer.AccessToken}}","token_type":"Bearer","id_token":"{{server.Sign(server.Claims(nonce))}}"}""";
        var result = await app.AuthorizedResponseAsync([new("code", "c"), new("state", pending.State!)], pending);

        var idToken = result.IdToken!;
        Assert.Equal(OidcServer.Subject, idToken.Subject);
        Assert.Equal(server.Issuer, idToken.Issuer);
        Assert.Equal([FakeProvider.ClientId], idToken.Audiences);
        Assert.Equal(nonce, idToken.Nonce);
        Assert.Equal("Jane Doe", idToken.Claim("name"));
        Assert.Equal(server.Time.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds(), idToken.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(result.Token!.Extra["id_token"], idToken.RawToken);
        Assert.DoesNotContain(idToken.RawToken, idToken.ToString());
        Assert.DoesNotContain(idToken.RawToken, result.ToString());
    }

    [Fact]
    public async Task Without_the_openid_scope_there_is_no_nonce_and_no_id_token_check()
    {
        var server = new OidcServer();
        var app = server.App(o => o.Scope = "profile");
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        Assert.Null(redirect.Pending.Nonce);
        Assert.DoesNotContain("nonce=", redirect.Url.Query);
        server.TokenResponse = """{"access_token":"at","id_token":"not-even-a-jwt"}""";
        var result = await app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending);
        Assert.Null(result.IdToken);
        Assert.Equal(0, server.JwksReads);
    }

    [Fact]
    public async Task The_openid_scope_of_one_call_turns_it_on_and_a_given_nonce_is_used()
    {
        var server = new OidcServer();
        var app = server.App(o => o.Scope = "profile");
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb", parameters: [new("scope", "openid"), new("nonce", "my-own-nonce-value")]);
        Assert.Equal("my-own-nonce-value", redirect.Pending.Nonce);
        Assert.Single(redirect.Url.Query.Split('&'), p => p.StartsWith("nonce=", StringComparison.Ordinal) || p.StartsWith("?nonce=", StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<System.Collections.Generic.Dictionary<string, object>>> BrokenClaims => new()
    {
        { "iss", c => c["iss"] = "https://evil.example.com" },
        { "aud", c => c["aud"] = "another-client" },
        { "azp", c => { c["aud"] = new[] { FakeProvider.ClientId, "other" }; } },
        { "azp", c => { c["aud"] = new[] { FakeProvider.ClientId, "other" }; c["azp"] = "other"; } },
        { "exp", c => { c["iat"] = (long)c["iat"] - 3600; c["exp"] = (long)c["iat"] + 600; } },
        { "exp", c => c.Remove("exp") },
        { "nbf", c => c["nbf"] = (long)c["iat"] + 3600 },
        { "iat", c => c.Remove("iat") },
        { "iat", c => c["iat"] = (long)c["iat"] + 3600 },
        { "nonce", c => c["nonce"] = "replayed-nonce" },
        { "nonce", c => c.Remove("nonce") },
        { "sub", c => c.Remove("sub") },
        { "at_hash", c => c["at_hash"] = OidcServer.AtHash("another-access-token") },
    };

    [Theory]
    [MemberData(nameof(BrokenClaims))]
    public async Task Each_failed_check_is_a_typed_error_naming_it_and_never_the_token(string check, Action<System.Collections.Generic.Dictionary<string, object>> change)
    {
        var server = new OidcServer();
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.SignInAsync(server.App(), change));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains($"the {check} check", error.Message);
        AssertNoTokenIn(server, error);
    }

    [Fact]
    public async Task A_matching_at_hash_and_a_single_audience_azp_of_this_client_pass()
    {
        var server = new OidcServer();
        var result = await server.SignInAsync(server.App(), c =>
        {
            c["at_hash"] = OidcServer.AtHash(OidcServer.AccessToken);
            c["aud"] = new[] { FakeProvider.ClientId, "api" };
            c["azp"] = FakeProvider.ClientId;
        });
        Assert.Equal([FakeProvider.ClientId, "api"], result.IdToken!.Audiences);
    }

    [Fact]
    public async Task A_signature_by_another_key_with_the_published_kid_is_refused()
    {
        var server = new OidcServer();
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.SignInAsync(server.App(), key: server.Key.Impostor()));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains("the signature check", error.Message);
    }

    [Fact]
    public async Task An_algorithm_outside_the_policy_is_refused_before_keys_are_read()
    {
        var server = new OidcServer("PS256");
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.SignInAsync(server.App(o => o.OpenIdConnectPolicy.AllowedAlgorithms = ["RS256"])));
        Assert.Contains("the alg check", error.Message);
        Assert.Equal(0, server.JwksReads);
    }

    [Fact]
    public async Task A_token_response_without_id_token_is_refused_when_openid_was_asked_for()
    {
        var server = new OidcServer();
        var app = server.App();
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        server.TokenResponse = """{"access_token":"at","token_type":"Bearer"}""";
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains("has none", error.Message);
    }

    [Fact]
    public async Task A_malformed_id_token_is_refused()
    {
        var server = new OidcServer();
        var app = server.App();
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        server.TokenResponse = """{"access_token":"at","id_token":"abc.def"}""";
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains("the format check", error.Message);
    }

    [Fact]
    public async Task Expiry_is_judged_on_the_apps_clock_with_the_configured_skew()
    {
        var server = new OidcServer();
        // Issued and expired two minutes before the app's (fake) clock: inside the default 5-minute skew, outside a 1-minute one.
        void Expired(System.Collections.Generic.Dictionary<string, object> c) { c["iat"] = (long)c["iat"] - 300; c["exp"] = (long)c["iat"] + 180; }
        Assert.NotNull((await server.SignInAsync(server.App(), Expired)).IdToken);
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            server.SignInAsync(server.App(o => o.OpenIdConnectPolicy.ClockSkew = TimeSpan.FromMinutes(1)), Expired));
        Assert.Contains("the exp check", error.Message);
    }

    [Fact]
    public async Task Without_discovery_the_configured_issuer_and_jwks_url_are_used()
    {
        var server = new OidcServer();
        var app = server.Provider.App(o =>
        {
            o.AuthorizeUrl = server.Issuer + "/authorize";
            o.AccessTokenUrl = server.Issuer + "/token";
            o.JwksUrl = server.Issuer + "/jwks";
            o.OpenIdConnectPolicy.Issuer = server.Issuer;
            o.Scope = "openid";
            o.TimeProvider = server.Time;
        });
        Assert.Equal(OidcServer.Subject, (await server.SignInAsync(app)).IdToken!.Subject);
        Assert.Empty(server.Provider.To(server.MetadataUrl));

        var noIssuer = server.Provider.App(o =>
        {
            o.AuthorizeUrl = server.Issuer + "/authorize";
            o.AccessTokenUrl = server.Issuer + "/token";
            o.JwksUrl = server.Issuer + "/jwks";
            o.Scope = "openid";
            o.TimeProvider = server.Time;
        });
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.SignInAsync(noIssuer));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
    }

    [Fact]
    public void The_policy_refuses_none_and_negative_times()
    {
        var error = Assert.Throws<OAuthException>(() => FakeProvider.Options(o =>
        {
            o.OpenIdConnectPolicy.AllowedAlgorithms = ["none"];
            o.OpenIdConnectPolicy.ClockSkew = TimeSpan.FromSeconds(-1);
        }) is var options ? new RemoteApp(new System.Net.Http.HttpClient(), options) : null);
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("AllowedAlgorithms", error.Message);
        Assert.Contains("ClockSkew", error.Message);
    }

    internal static void AssertNoTokenIn(OidcServer server, OAuthException error)
    {
        var idToken = server.TokenResponse.Split('"').SkipWhile(p => p != "id_token").Skip(2).First();
        foreach (var part in idToken.Split('.')) Assert.DoesNotContain(part, error.ToString());
        Assert.DoesNotContain(OidcServer.AccessToken, error.ToString());
    }
}
