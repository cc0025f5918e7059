using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Tests;

public class OAuth2ProviderTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private const string RedirectUri = "http://127.0.0.1:8123/callback";
    private readonly HttpClient _http = fixture.Http;
    private readonly DemoProviderHost _provider = fixture.Provider;

    private Uri AuthorizeUrl(string challenge, string state = "st8 with spaces/+", string redirectUri = RedirectUri, string? scope = "profile email",
        string clientId = DemoCredentials.OAuth2ClientId, string method = "S256")
    {
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["state"] = state,
            ["code_challenge"] = challenge, ["code_challenge_method"] = method,
        };
        if (scope is not null) query["scope"] = scope;
        return new Uri(_provider.OAuth2AuthorizeUrl, "?" + string.Join("&", System.Linq.Enumerable.Select(query, pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}")));
    }

    private async Task<Dictionary<string, string>> ApproveAsync(string challenge, string redirectUri = RedirectUri, string clientId = DemoCredentials.OAuth2ClientId)
    {
        using var response = await _http.GetAsync(DemoProviderHost.Approve(AuthorizeUrl(challenge, redirectUri: redirectUri, clientId: clientId)));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return RfcClient.LocationQuery(response);
    }

    private Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, bool basic = false, string secret = DemoCredentials.OAuth2ClientSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _provider.OAuth2TokenUrl);
        if (basic)
        {
            // RFC 6749 §2.3.1: form-urlencode id and secret, then base64 "id:secret".
            var credentials = $"{Uri.EscapeDataString(DemoCredentials.OAuth2ClientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else if (!form.ContainsKey("client_id"))
        {
            form["client_id"] = DemoCredentials.OAuth2ClientId;
            form["client_secret"] = secret;
        }
        request.Content = new FormUrlEncodedContent(form);
        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier, string redirectUri = RedirectUri, bool basic = false) =>
        TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier }, basic);

    private async Task<JsonElement> SignInAsync()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        var callback = await ApproveAsync(challenge);
        using var response = await ExchangeAsync(callback["code"], verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RfcClient.JsonAsync(response);
    }

    private async Task<HttpResponseMessage> MeAsync(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_provider.ApiBaseUrl, "me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await _http.SendAsync(request);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) => (await RfcClient.JsonAsync(response)).GetProperty("error").GetString()!;

    [Fact]
    public async Task Code_with_PKCE_S256_then_a_bearer_call_works_and_state_comes_back_unchanged()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        using var authorize = await _http.GetAsync(DemoProviderHost.Approve(AuthorizeUrl(challenge)));
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.StartsWith(RedirectUri + "?", authorize.Headers.Location!.AbsoluteUri);
        var callback = RfcClient.LocationQuery(authorize);
        Assert.Equal("st8 with spaces/+", callback["state"]);

        using var exchange = await ExchangeAsync(callback["code"], verifier);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal("no-store", exchange.Headers.CacheControl!.ToString());
        var token = await RfcClient.JsonAsync(exchange);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(120, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("profile email", token.GetProperty("scope").GetString());

        using var me = await MeAsync(token.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = await RfcClient.JsonAsync(me);
        Assert.Equal("demo", user.GetProperty("login").GetString());
        Assert.Equal("demo@example.test", user.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_wrong_or_missing_code_verifier_is_invalid_grant()
    {
        var (_, challenge) = RfcClient.NewPkce();
        var callback = await ApproveAsync(challenge);
        using var wrong = await ExchangeAsync(callback["code"], RfcClient.NewPkce().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(wrong));

        var (_, challenge2) = RfcClient.NewPkce();
        var callback2 = await ApproveAsync(challenge2);
        using var missing = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = callback2["code"], ["redirect_uri"] = RedirectUri });
        Assert.Equal("invalid_grant", await ErrorAsync(missing));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    public async Task Authorization_without_S256_PKCE_is_refused_back_at_the_redirect_uri(string method)
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        using var response = await _http.GetAsync(DemoProviderHost.Approve(AuthorizeUrl(method == "plain" ? verifier : challenge, method: method)));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var callback = RfcClient.LocationQuery(response);
        Assert.Equal("invalid_request", callback["error"]);
        Assert.Equal("st8 with spaces/+", callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task A_code_is_single_use_and_its_reuse_revokes_the_tokens_it_produced()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        var callback = await ApproveAsync(challenge);
        using var first = await ExchangeAsync(callback["code"], verifier);
        var accessToken = (await RfcClient.JsonAsync(first)).GetProperty("access_token").GetString()!;
        using (var before = await MeAsync(accessToken)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var reuse = await ExchangeAsync(callback["code"], verifier);

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", await ErrorAsync(reuse));
        using var after = await MeAsync(accessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_redirect_uri_must_be_registered_and_repeated_exactly_at_the_token_endpoint()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        using var unregistered = await _http.GetAsync(DemoProviderHost.Approve(AuthorizeUrl(challenge, redirectUri: "http://127.0.0.1:8123/callback/evil")));
        Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);
        Assert.Null(unregistered.Headers.Location);

        var callback = await ApproveAsync(challenge, redirectUri: "http://127.0.0.1:8123/callback");
        using var different = await ExchangeAsync(callback["code"], verifier, redirectUri: "http://127.0.0.1:8124/callback");
        Assert.Equal("invalid_grant", await ErrorAsync(different));
    }

    [Fact]
    public async Task A_denial_comes_back_as_access_denied_with_state()
    {
        var (_, challenge) = RfcClient.NewPkce();

        using var response = await _http.GetAsync(DemoProviderHost.Deny(AuthorizeUrl(challenge, state: "xyz")));

        var callback = RfcClient.LocationQuery(response);
        Assert.Equal("access_denied", callback["error"]);
        Assert.Equal("xyz", callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Tokens_expire_refresh_rotates_and_a_replayed_refresh_token_revokes_the_grant()
    {
        var token = await SignInAsync();
        var accessToken = token.GetProperty("access_token").GetString()!;
        var refreshToken = token.GetProperty("refresh_token").GetString()!;

        fixture.Clock.Advance(TimeSpan.FromSeconds(121));
        using (var expired = await MeAsync(accessToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString());
        }

        using var refreshed = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, basic: true);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = await RfcClient.JsonAsync(refreshed);
        var newAccess = renewed.GetProperty("access_token").GetString()!;
        Assert.NotEqual(refreshToken, renewed.GetProperty("refresh_token").GetString());
        using (var me = await MeAsync(newAccess)) Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        using var replay = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        Assert.Equal("invalid_grant", await ErrorAsync(replay));
        using (var revoked = await MeAsync(newAccess)) Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        using var rotatedToo = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = renewed.GetProperty("refresh_token").GetString()! });
        Assert.Equal("invalid_grant", await ErrorAsync(rotatedToo));
    }

    [Fact]
    public async Task Client_authentication_accepts_basic_and_post_and_refuses_a_wrong_secret()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        var callback = await ApproveAsync(challenge);
        using var basic = await ExchangeAsync(callback["code"], verifier, basic: true);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);

        var (verifier2, challenge2) = RfcClient.NewPkce();
        var callback2 = await ApproveAsync(challenge2);
        using var wrong = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = callback2["code"], ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier2 }, secret: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(wrong));
        Assert.StartsWith("Basic", wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_public_client_authenticates_with_PKCE_alone()
    {
        var (verifier, challenge) = RfcClient.NewPkce();
        var callback = await ApproveAsync(challenge, clientId: DemoCredentials.OAuth2PublicClientId);

        using var response = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = callback["code"], ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier, ["client_id"] = DemoCredentials.OAuth2PublicClientId,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_tokens_are_accepted_in_one_place_only_and_unknown_ones_are_invalid_token()
    {
        var accessToken = (await SignInAsync()).GetProperty("access_token").GetString()!;

        using (var query = await _http.GetAsync(new Uri(_provider.ApiBaseUrl, $"me?access_token={accessToken}")))
            Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        var both = new HttpRequestMessage(HttpMethod.Get, new Uri(_provider.ApiBaseUrl, $"me?access_token={accessToken}"));
        both.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using (var twice = await _http.SendAsync(both)) Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        using (var none = await _http.GetAsync(new Uri(_provider.ApiBaseUrl, "me"))) Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var forged = await MeAsync(accessToken + "x")) Assert.Contains("invalid_token", forged.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Revocation_ends_a_token_and_metadata_describes_the_endpoints()
    {
        var accessToken = (await SignInAsync()).GetProperty("access_token").GetString()!;
        using var revoke = await _http.PostAsync(_provider.OAuth2RevocationUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = accessToken, ["client_id"] = DemoCredentials.OAuth2ClientId, ["client_secret"] = DemoCredentials.OAuth2ClientSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var me = await MeAsync(accessToken)) Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);

        using var metadata = await _http.GetAsync(_provider.MetadataUrl);
        var document = await RfcClient.JsonAsync(metadata);
        Assert.Equal(_provider.OAuth2TokenUrl.AbsoluteUri, document.GetProperty("token_endpoint").GetString());
        Assert.Equal("S256", document.GetProperty("code_challenge_methods_supported")[0].GetString());
    }

    [Fact]
    public async Task A_browser_gets_a_consent_page_that_posts_the_request_back()
    {
        var (_, challenge) = RfcClient.NewPkce();
        using var page = await _http.GetAsync(AuthorizeUrl(challenge));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"code_challenge\" value=\"" + challenge + "\"", html);
        Assert.Contains("value=\"approve\"", html);

        using var approved = await _http.PostAsync(_provider.OAuth2AuthorizeUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = DemoCredentials.OAuth2ClientId, ["redirect_uri"] = RedirectUri,
            ["state"] = "s", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);
        Assert.True(RfcClient.LocationQuery(approved).ContainsKey("code"));
    }
}
