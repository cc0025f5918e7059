using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Testing.Tests;

/// <summary>Injected faults and provider quirks, met by a generated client.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private TestProvider _provider = null!;
    private HttpClient _http = null!;
    private OAuth2Client _registration = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        _http = _provider.CreateHttpClient();
        _registration = _provider.AddOAuth2Client();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    private IKitOAuth2 Client(Action<RemoteAppOptions>? configure = null)
    {
        var options = _provider.CreateOptions(_registration, IKitOAuth2.CreateOptions());
        configure?.Invoke(options);
        return IKitOAuth2.Create(_http, options);
    }

    private async Task<AuthorizationResult> SignInAsync(IKitOAuth2 client)
    {
        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        return await client.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url), redirect.Pending);
    }

    [Fact]
    public async Task A_lost_token_response_fails_the_sign_in_after_the_provider_spent_the_code()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.LostResponse());

        var failure = await Assert.ThrowsAsync<OAuthException>(() => SignInAsync(Client()));

        Assert.Equal(OAuthErrorType.RestartRequired, failure.Type);
        var lost = Assert.Single(_provider.RequestsTo(TestEndpoint.OAuth2Token));
        Assert.Equal((0, TestFaultKind.LostResponse), (lost.Status, lost.Fault!.Kind));
        Assert.True(lost.Pkce!.Verified, "the endpoint ran before the answer was lost");
        Assert.False((await SignInAsync(Client())).IsDenied, "the fault is used up after one request");
    }

    [Fact]
    public async Task A_server_error_and_an_injected_invalid_grant_surface_as_typed_errors()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.ServerError());
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.InvalidGrant());

        var serverError = await Assert.ThrowsAsync<OAuthException>(() => SignInAsync(Client()));
        var invalidGrant = await Assert.ThrowsAsync<OAuthException>(() => SignInAsync(Client()));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Equal("invalid_grant", invalidGrant.Error);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 500 });
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 400, Error = "invalid_grant" });
    }

    [Fact]
    public async Task An_error_on_HTTP_200_is_not_taken_for_a_token()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.ErrorOnHttp200());

        var failure = await Assert.ThrowsAsync<OAuthException>(() => SignInAsync(Client()));

        Assert.Equal("bad_verification_code", failure.Error);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 200, Error = "bad_verification_code" });
    }

    [Fact]
    public async Task A_slow_answer_arrives_late_and_whole()
    {
        _provider.InjectFault(TestEndpoint.Api, TestFault.Slow(TimeSpan.FromMilliseconds(300)));
        var token = (await SignInAsync(Client())).Token!;
        var client = Client(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(token));

        var watch = Stopwatch.StartNew();
        var me = await client.GetMeAsync();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(_provider.DefaultUser.Login, me.Login);
    }

    [Fact]
    public async Task GitHubs_form_encoded_token_answer_is_read_as_a_token()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.GitHubFormToken(), times: int.MaxValue);

        var result = await SignInAsync(Client());

        Assert.NotNull(result.Token?.RefreshToken);
        Assert.Equal("profile email", result.Token!.Scope);
        Assert.NotNull(result.Token.ExpiresAt);
    }

    [Fact]
    public async Task GitHubs_form_encoding_left_on_for_a_whole_flow_passes_answers_that_are_not_JSON_unchanged()
    {
        TestEndpoint[] everyFlowEndpoint =
        [
            TestEndpoint.OAuth2Authorize, TestEndpoint.OAuth2Token, TestEndpoint.OAuth2Revocation,
            TestEndpoint.OAuth1RequestToken, TestEndpoint.OAuth1Authorize, TestEndpoint.OAuth1AccessToken,
        ];
        foreach (var endpoint in everyFlowEndpoint) _provider.InjectFault(endpoint, TestFault.GitHubFormToken(), times: int.MaxValue);
        var oauth1 = IKitOAuth1.Create(_http, _provider.CreateOptions(_provider.AddOAuth1Consumer(), IKitOAuth1.CreateOptions()));

        var client = Client();
        var token = (await SignInAsync(client)).Token!;                 // authorize: a 302; token: JSON, rewritten
        await client.RevokeAsync(token);                                 // revocation: an empty 200
        var redirect = await oauth1.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var oauth1Result = await oauth1.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url), redirect.Pending); // forms already

        Assert.NotNull(token.RefreshToken);
        Assert.False(_provider.ExpireAccessToken(token.AccessToken), "the revocation went through, so the provider no longer knows the token");
        Assert.NotNull(oauth1Result.Token?.Secret);
        Assert.All(_provider.Requests, request => Assert.Equal(TestFaultKind.GitHubFormToken, request.Fault?.Kind));
        Assert.All(_provider.Requests, request => Assert.True(request.Status is 200 or 302, request.ToString()));
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Authorize, Status = 302 });
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Revocation, Status = 200 });
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth1AccessToken, Status = 200, Success = true });
        using var rawRevocation = await _http.PostAsync(_provider.OAuth2RevocationUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "unknown", ["client_id"] = _registration.ClientId, ["client_secret"] = _registration.Secret!,
        }));
        Assert.Equal(HttpStatusCode.OK, rawRevocation.StatusCode);
        Assert.Equal("", await rawRevocation.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Weibos_text_plain_token_answer_is_still_read_as_JSON()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.WeiboTextPlain(), times: 2);

        var forced = await SignInAsync(Client(options => options.ContentType = "application/json"));
        using var raw = await _http.PostAsync(_provider.OAuth2TokenUrl, new FormUrlEncodedContent([]));

        Assert.NotNull(forced.Token?.AccessToken);
        Assert.Equal("text/plain", raw.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"error\":", await raw.Content.ReadAsStringAsync());
        Assert.All(_provider.RequestsTo(TestEndpoint.OAuth2Token), request => Assert.Equal(TestFaultKind.WeiboTextPlain, request.Fault?.Kind));
    }
}
