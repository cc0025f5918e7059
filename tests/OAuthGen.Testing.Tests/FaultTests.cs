using System;
using System.Diagnostics;
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
