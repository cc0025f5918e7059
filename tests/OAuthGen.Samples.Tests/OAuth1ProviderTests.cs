using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Tests;

public class OAuth1ProviderTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private const string Callback = "http://127.0.0.1:9/oauth1/callback?from=test";
    private readonly HttpClient _http = fixture.Http;
    private readonly DemoProviderHost _provider = fixture.Provider;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private async Task<Dictionary<string, string>> RequestTokenAsync()
    {
        var protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey);
        protocol["oauth_callback"] = Callback;
        using var response = await _http.SendAsync(RfcClient.Signed(HttpMethod.Post, _provider.OAuth1RequestTokenUrl, protocol, DemoCredentials.OAuth1ConsumerSecret, null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RfcClient.FormAsync(response);
    }

    private async Task<HttpResponseMessage> DecideAsync(string requestToken, bool approve)
    {
        var url = new Uri(_provider.OAuth1AuthorizeUrl, $"?oauth_token={Uri.EscapeDataString(requestToken)}");
        return await _http.GetAsync(approve ? DemoProviderHost.Approve(url) : DemoProviderHost.Deny(url));
    }

    private Task<HttpResponseMessage> AccessTokenAsync(Dictionary<string, string> requestToken, string verifier)
    {
        var protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, requestToken["oauth_token"]);
        protocol["oauth_verifier"] = verifier;
        return _http.SendAsync(RfcClient.Signed(HttpMethod.Post, _provider.OAuth1AccessTokenUrl, protocol, DemoCredentials.OAuth1ConsumerSecret, requestToken["oauth_token_secret"]));
    }

    private async Task<(string Token, string Secret)> SignInAsync()
    {
        var requestToken = await RequestTokenAsync();
        using var approved = await DecideAsync(requestToken["oauth_token"], approve: true);
        using var access = await AccessTokenAsync(requestToken, RfcClient.LocationQuery(approved)["oauth_verifier"]);
        var token = await RfcClient.FormAsync(access);
        return (token["oauth_token"], token["oauth_token_secret"]);
    }

    private HttpRequestMessage SignedApiRequest(HttpMethod method, string path, (string Token, string Secret) token,
        IEnumerable<KeyValuePair<string, string>>? form = null) =>
        RfcClient.Signed(method, new Uri(_provider.ApiBaseUrl, path), RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token),
            DemoCredentials.OAuth1ConsumerSecret, token.Secret, form);

    [Fact]
    public async Task The_whole_dance_works_request_token_approval_access_token_and_signed_calls()
    {
        var requestToken = await RequestTokenAsync();
        Assert.Equal("true", requestToken["oauth_callback_confirmed"]);

        using var approved = await DecideAsync(requestToken["oauth_token"], approve: true);
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);
        Assert.StartsWith("http://127.0.0.1:9/oauth1/callback?from=test&", approved.Headers.Location!.AbsoluteUri);
        var callback = RfcClient.LocationQuery(approved);
        Assert.Equal(requestToken["oauth_token"], callback["oauth_token"]);

        using var access = await AccessTokenAsync(requestToken, callback["oauth_verifier"]);
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        var token = await RfcClient.FormAsync(access);
        Assert.Equal("demo", token["screen_name"]);
        Assert.Equal("42", token["user_id"]);

        using var me = await _http.SendAsync(SignedApiRequest(HttpMethod.Get, "me?include=all", (token["oauth_token"], token["oauth_token_secret"])));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var user = await RfcClient.JsonAsync(me);
        Assert.Equal("demo", user.GetProperty("login").GetString());
        Assert.Equal("oauth1", user.GetProperty("authenticated_with").GetString());
    }

    [Fact]
    public async Task Form_body_parameters_are_part_of_the_signature()
    {
        var token = await SignInAsync();
        var form = new Dictionary<string, string> { ["status"] = "Hello Ladies + Gentlemen, a signed OAuth request!", ["tags"] = "a&b=c" };

        using var echoed = await _http.SendAsync(SignedApiRequest(HttpMethod.Post, "echo", token, form));
        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        var body = await RfcClient.JsonAsync(echoed);
        Assert.Equal("Hello Ladies + Gentlemen, a signed OAuth request!", body.GetProperty("form")[0][1].GetString());

        // The same signature over a changed body is refused.
        var tampered = SignedApiRequest(HttpMethod.Post, "echo", token, form);
        tampered.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Hello Ladies + Gentlemen, a forged request!", ["tags"] = "a&b=c" });
        using var refused = await _http.SendAsync(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("signature_invalid", (await RfcClient.FormAsync(refused))["oauth_problem"]);
    }

    [Fact]
    public async Task A_non_form_body_is_covered_by_a_verified_oauth_body_hash()
    {
        var token = await SignInAsync();
        const string Json = "{\"note\":\"signed\"}";
        HttpRequestMessage JsonRequest(string bodyToHash, string bodySent)
        {
            var protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
            protocol["oauth_body_hash"] = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(bodyToHash)));
            var request = RfcClient.Signed(HttpMethod.Post, new Uri(_provider.ApiBaseUrl, "echo"), protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret);
            request.Content = new StringContent(bodySent, System.Text.Encoding.UTF8, "application/json");
            return request;
        }

        using var accepted = await _http.SendAsync(JsonRequest(Json, Json));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(Json, (await RfcClient.JsonAsync(accepted)).GetProperty("body").GetString());

        using var refused = await _http.SendAsync(JsonRequest(Json, "{\"note\":\"forged\"}"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("signature_invalid", (await RfcClient.FormAsync(refused))["oauth_problem"]);
    }

    [Fact]
    public async Task Tampered_requests_are_refused_with_the_matching_oauth_problem()
    {
        var token = await SignInAsync();

        async Task<(HttpStatusCode, string)> SendAsync(HttpRequestMessage request)
        {
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, (await RfcClient.FormAsync(response)).GetValueOrDefault("oauth_problem", "(none)"));
        }

        // A query parameter added after signing.
        var signed = SignedApiRequest(HttpMethod.Get, "me", token);
        signed.RequestUri = new Uri(signed.RequestUri + "?admin=true");
        Assert.Equal((HttpStatusCode.Unauthorized, "signature_invalid"), await SendAsync(signed));

        // Signed with the wrong consumer secret, or the wrong token secret.
        var protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "signature_invalid"), await SendAsync(RfcClient.Signed(HttpMethod.Get, new Uri(_provider.ApiBaseUrl, "me"), protocol, "wrong", token.Secret)));
        protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "signature_invalid"), await SendAsync(RfcClient.Signed(HttpMethod.Get, new Uri(_provider.ApiBaseUrl, "me"), protocol, DemoCredentials.OAuth1ConsumerSecret, "wrong")));

        // Signed for GET, sent as DELETE.
        var wrongMethod = SignedApiRequest(HttpMethod.Get, "echo", token);
        wrongMethod.Method = HttpMethod.Delete;
        Assert.Equal((HttpStatusCode.Unauthorized, "signature_invalid"), await SendAsync(wrongMethod));

        // A replay: same nonce and timestamp.
        protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
        var url = new Uri(_provider.ApiBaseUrl, "me");
        Assert.Equal((HttpStatusCode.OK, "(none)"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));
        Assert.Equal((HttpStatusCode.Unauthorized, "nonce_used"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));

        // A stale timestamp, an unknown consumer, an unknown token, an unsupported method.
        protocol = RfcClient.Protocol(Now.AddMinutes(-30), DemoCredentials.OAuth1ConsumerKey, token.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "timestamp_refused"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));
        protocol = RfcClient.Protocol(Now, "someone-else", token.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "consumer_key_unknown"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));
        protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, "forged-token");
        Assert.Equal((HttpStatusCode.Unauthorized, "token_rejected"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));
        protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
        protocol["oauth_signature_method"] = "PLAINTEXT";
        Assert.Equal((HttpStatusCode.BadRequest, "signature_method_rejected"), await SendAsync(RfcClient.Signed(HttpMethod.Get, url, protocol, DemoCredentials.OAuth1ConsumerSecret, token.Secret)));
    }

    [Fact]
    public async Task Parameters_may_travel_in_the_query_instead_of_the_header()
    {
        var token = await SignInAsync();
        var url = new Uri(_provider.ApiBaseUrl, "me?page=2");
        var protocol = RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey, token.Token);
        protocol["oauth_signature"] = RfcClient.Signature("GET", url, protocol, [], DemoCredentials.OAuth1ConsumerSecret, token.Secret);
        var query = string.Join("&", protocol.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));

        using var response = await _http.GetAsync(new Uri(url + "&" + query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_denied_authorization_sends_denied_to_the_callback_and_voids_the_request_token()
    {
        var requestToken = await RequestTokenAsync();

        using var denied = await DecideAsync(requestToken["oauth_token"], approve: false);

        Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
        var callback = RfcClient.LocationQuery(denied);
        Assert.Equal(requestToken["oauth_token"], callback["denied"]);
        Assert.False(callback.ContainsKey("oauth_verifier"));
        using var exchange = await AccessTokenAsync(requestToken, "guess");
        Assert.Equal("token_rejected", (await RfcClient.FormAsync(exchange))["oauth_problem"]);
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_and_voids_the_request_token_and_a_token_is_exchanged_only_once()
    {
        var first = await RequestTokenAsync();
        using var approved = await DecideAsync(first["oauth_token"], approve: true);
        var verifier = RfcClient.LocationQuery(approved)["oauth_verifier"];

        using var wrong = await AccessTokenAsync(first, verifier + "x");
        Assert.Equal("verifier_invalid", (await RfcClient.FormAsync(wrong))["oauth_problem"]);
        using var late = await AccessTokenAsync(first, verifier);
        Assert.Equal("token_rejected", (await RfcClient.FormAsync(late))["oauth_problem"]);

        var second = await RequestTokenAsync();
        using var approvedAgain = await DecideAsync(second["oauth_token"], approve: true);
        var secondVerifier = RfcClient.LocationQuery(approvedAgain)["oauth_verifier"];
        using var exchanged = await AccessTokenAsync(second, secondVerifier);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        using var replayed = await AccessTokenAsync(second, secondVerifier);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task An_unapproved_request_token_cannot_be_exchanged()
    {
        var requestToken = await RequestTokenAsync();

        using var response = await AccessTokenAsync(requestToken, "anything");

        Assert.Equal("permission_unknown", (await RfcClient.FormAsync(response))["oauth_problem"]);
    }

    [Fact]
    public async Task A_request_token_needs_a_callback()
    {
        using var response = await _http.SendAsync(RfcClient.Signed(HttpMethod.Post, _provider.OAuth1RequestTokenUrl,
            RfcClient.Protocol(Now, DemoCredentials.OAuth1ConsumerKey), DemoCredentials.OAuth1ConsumerSecret, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("parameter_absent", (await RfcClient.FormAsync(response))["oauth_problem"]);
    }

    [Fact]
    public async Task A_browser_gets_a_consent_page_whose_approve_button_redirects_to_the_callback()
    {
        var requestToken = await RequestTokenAsync();

        using var page = await _http.GetAsync(new Uri(_provider.OAuth1AuthorizeUrl, $"?oauth_token={Uri.EscapeDataString(requestToken["oauth_token"])}"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("value=\"approve\"", html);
        Assert.Contains("value=\"deny\"", html);

        using var approved = await _http.PostAsync(_provider.OAuth1AuthorizeUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["oauth_token"] = requestToken["oauth_token"],
            ["decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);
        Assert.True(RfcClient.LocationQuery(approved).ContainsKey("oauth_verifier"));
    }
}
