using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using OAuthGen;
using OAuthGen.Testing;
using Xunit;

namespace PhotoSite;

/// <summary>The site's own sign-in flow and API calls, against the packaged test provider, under xunit.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private TestProvider _provider = null!;
    private WebApplication _site = null!;
    private HttpClient _siteClient = null!;
    private Browser _browser = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        var registration = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic, redirectUris: ["http://localhost" + PhotoSiteApp.CallbackPath]);
        var photos = IPhotos.Create(_provider.CreateHttpClient(), _provider.CreateOptions(registration, IPhotos.CreateOptions()));
        _site = await PhotoSiteApp.StartAsync(photos);
        _siteClient = _site.GetTestClient();
        _browser = new Browser(_siteClient, _provider);
    }

    public async Task DisposeAsync()
    {
        _siteClient.Dispose();
        await _site.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Signing_in_shows_the_users_name_from_the_API()
    {
        var ada = _provider.AddUser("ada", "Ada Lovelace", "ada@example.test");

        using var callback = await _browser.SignInAsync(user: ada);
        using var home = await _browser.GetAsync("/");

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
        using var callback = await _browser.SignInAsync(approve: false);
        using var home = await _browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Equal("Sign-in cancelled (access_denied).", await callback.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token });
    }

    [Fact]
    public async Task When_the_access_token_stops_working_the_site_asks_to_sign_in_again()
    {
        using (await _browser.SignInAsync()) { }
        using (var before = await _browser.GetAsync("/")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Assert.Equal(1, _provider.ExpireAccessTokens());
        using var after = await _browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Your Photos access ended; please sign in again.", await after.Content.ReadAsStringAsync());
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, Status = 401, Error = "invalid_token" });
    }

    [Fact]
    public async Task A_provider_outage_at_the_token_endpoint_shows_an_error_and_signs_no_one_in()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.ServerError());

        using var callback = await _browser.SignInAsync();
        using var home = await _browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 500 });
    }
}
