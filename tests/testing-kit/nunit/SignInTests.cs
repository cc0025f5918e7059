using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using OAuthGen;
using OAuthGen.Testing;

namespace PhotoSite;

/// <summary>The site's own sign-in flow and API calls, against the packaged test provider, under NUnit.</summary>
[TestFixture]
public sealed class SignInTests
{
    private TestProvider _provider = null!;
    private WebApplication _site = null!;
    private HttpClient _siteClient = null!;
    private Browser _browser = null!;

    [SetUp]
    public async Task StartProviderAndSiteAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        var registration = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost, redirectUris: ["http://localhost" + PhotoSiteApp.CallbackPath]);
        var photos = IPhotos.Create(_provider.CreateHttpClient(), _provider.CreateOptions(registration, IPhotos.CreateOptions()));
        _site = await PhotoSiteApp.StartAsync(photos);
        _siteClient = _site.GetTestClient();
        _browser = new Browser(_siteClient, _provider);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _siteClient.Dispose();
        await _site.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [TestCase("ada", "Ada Lovelace")]
    [TestCase("grace", "Grace Hopper")]
    public async Task Signing_in_shows_the_users_name_from_the_API(string login, string name)
    {
        var user = _provider.AddUser(login, name);

        using var callback = await _browser.SignInAsync(user: user);
        using var home = await _browser.GetAsync("/");

        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await home.Content.ReadAsStringAsync(), Is.EqualTo($"Hello {name} <{login}@example.test>"));
        _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, ClientAuthentication = ClientAuthMethod.ClientSecretPost, PkceVerified = true, Success = true,
        });
        var apiCall = _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, AuthorizationScheme = "Bearer", Status = 200 });
        Assert.That(apiCall.Path, Is.EqualTo("/api/me"));
    }

    [Test]
    public async Task A_user_who_denies_is_told_and_stays_signed_out()
    {
        using var callback = await _browser.SignInAsync(approve: false);
        using var home = await _browser.GetAsync("/");

        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await callback.Content.ReadAsStringAsync(), Is.EqualTo("Sign-in cancelled (access_denied)."));
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token });
    }

    [Test]
    public async Task When_the_access_token_stops_working_the_site_asks_to_sign_in_again()
    {
        using (await _browser.SignInAsync()) { }
        using (var before = await _browser.GetAsync("/")) Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(_provider.ExpireAccessTokens(), Is.EqualTo(1));
        using var after = await _browser.GetAsync("/");

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await after.Content.ReadAsStringAsync(), Is.EqualTo("Your Photos access ended; please sign in again."));
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, Status = 401, Error = "invalid_token" });
    }
}
