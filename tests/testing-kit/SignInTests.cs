using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using OAuthGen;
using OAuthGen.Testing;
using Xunit;

namespace PhotoSite;

/// <summary>The site's own sign-in flow and API calls, against the packaged test provider.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private TestProvider _provider = null!;
    private OAuth2Client _registration = null!;
    private WebApplication _site = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        _registration = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic, redirectUris: ["http://localhost" + PhotoSiteApp.CallbackPath]);
        var photos = IPhotos.Create(_provider.CreateHttpClient(), _provider.CreateOptions(_registration, IPhotos.CreateOptions()));
        _site = await PhotoSiteApp.StartAsync(photos);
        _browser = _site.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _site.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>The browser's part: /login, the provider's consent as <paramref name="user"/>, back to the site's callback.</summary>
    private async Task<(HttpResponseMessage Callback, string Cookie)> SignInAsync(bool approve = true, TestUser? user = null)
    {
        using var login = await _browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var providerCallback = approve
            ? await _provider.ApproveAsync(login.Headers.Location!, user)
            : await _provider.DenyAsync(login.Headers.Location!, user);
        return (await SendAsync(providerCallback.PathAndQuery, cookie), cookie);
    }

    private Task<HttpResponseMessage> SendAsync(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return _browser.SendAsync(request);
    }

    [Fact]
    public async Task Signing_in_shows_the_users_name_from_the_API()
    {
        var ada = _provider.AddUser("ada", "Ada Lovelace", "ada@example.test");

        var (callback, cookie) = await SignInAsync(user: ada);
        using var home = await SendAsync("/", cookie);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("Hello Ada Lovelace <ada@example.test>", await home.Content.ReadAsStringAsync());
        _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, ClientAuthentication = ClientAuthMethod.ClientSecretBasic, PkceVerified = true, Success = true,
        });
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, AuthorizationScheme = "Bearer", Status = 200 });
    }

    [Fact]
    public async Task A_user_who_denies_is_told_and_stays_signed_out()
    {
        var (callback, cookie) = await SignInAsync(approve: false);
        using var home = await SendAsync("/", cookie);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Equal("Sign-in cancelled (access_denied).", await callback.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token });
    }

    [Fact]
    public async Task When_the_access_token_stops_working_the_site_asks_to_sign_in_again()
    {
        var (_, cookie) = await SignInAsync();
        using (var before = await SendAsync("/", cookie)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.Equal(1, _provider.ExpireAccessTokens());
        using var after = await SendAsync("/", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Your Photos access ended; please sign in again.", await after.Content.ReadAsStringAsync());
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, Status = 401, Error = "invalid_token" });
    }

    [Fact]
    public async Task A_provider_outage_at_the_token_endpoint_shows_an_error_and_signs_no_one_in()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.ServerError());

        var (callback, cookie) = await SignInAsync();
        using var home = await SendAsync("/", cookie);

        Assert.Equal(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 500 });
    }
}
