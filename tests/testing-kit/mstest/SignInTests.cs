using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OAuthGen;
using OAuthGen.Testing;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace PhotoSite;

/// <summary>
/// The site's own sign-in flow and API calls, against the packaged test provider, under MSTest. Each test has its own
/// provider and site, so the tests run in parallel.
/// </summary>
[TestClass]
public sealed class SignInTests
{
    private TestProvider _provider = null!;
    private WebApplication _site = null!;
    private HttpClient _siteClient = null!;
    private Browser _browser = null!;

    [TestInitialize]
    public async Task StartProviderAndSiteAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        // A public client: no secret, PKCE alone protects the code.
        var registration = _provider.AddOAuth2Client(ClientAuthMethod.None, redirectUris: ["http://localhost" + PhotoSiteApp.CallbackPath]);
        var photos = IPhotos.Create(_provider.CreateHttpClient(), _provider.CreateOptions(registration, IPhotos.CreateOptions()));
        _site = await PhotoSiteApp.StartAsync(photos);
        _siteClient = _site.GetTestClient();
        _browser = new Browser(_siteClient, _provider);
    }

    [TestCleanup]
    public async Task StopAsync()
    {
        _siteClient.Dispose();
        await _site.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [TestMethod]
    [DataRow("ada", "Ada Lovelace")]
    [DataRow("grace", "Grace Hopper")]
    public async Task Signing_in_shows_the_users_name_from_the_API(string login, string name)
    {
        var user = _provider.AddUser(login, name);

        using var callback = await _browser.SignInAsync(user: user);
        using var home = await _browser.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.AreEqual($"Hello {name} <{login}@example.test>", await home.Content.ReadAsStringAsync());
        _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, ClientAuthentication = ClientAuthMethod.None, PkceVerified = true, Success = true,
        });
        var apiCall = _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, AuthorizationScheme = "Bearer", Status = 200 });
        Assert.AreEqual("/api/me", apiCall.Path);
    }

    [TestMethod]
    public async Task A_user_who_denies_is_told_and_stays_signed_out()
    {
        using var callback = await _browser.SignInAsync(approve: false);
        using var home = await _browser.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.AreEqual("Sign-in cancelled (access_denied).", await callback.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token });
    }

    [TestMethod]
    public async Task A_provider_outage_at_the_token_endpoint_shows_an_error_and_signs_no_one_in()
    {
        _provider.InjectFault(TestEndpoint.OAuth2Token, TestFault.ServerError());

        using var callback = await _browser.SignInAsync();
        using var home = await _browser.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, home.StatusCode);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Status = 500 });
    }
}
