using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Samples.DemoProvider;
using OAuthGen.Samples.WebApp;
using OpenQA.Selenium;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// The WebApp sample in a real browser (headless Chromium): its sign-in buttons, the demo provider's consent page, the
/// <c>[Authorize]</c> profile page and its API call as the user, sign-out. The site and the provider share a fake clock.
/// </summary>
public sealed class WebAppBrowserTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private DemoSite _site = null!;
    private Uri _siteUrl = null!;
    private ChromeSession _browser = null!;

    public async Task InitializeAsync()
    {
        _site = await DemoSite.CreateAsync(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            new DemoProviderOptions { TimeProvider = _clock },
            builder => builder.Services.AddSingleton<TimeProvider>(_clock));
        await _site.App.StartAsync();
        _siteUrl = new Uri(_site.App.Urls.Single().TrimEnd('/') + "/");
        _browser = new ChromeSession();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _site.App.StopAsync();
        await _site.DisposeAsync();
    }

    [Theory]
    [InlineData("oauth1", "OAuth 1.0a")]
    [InlineData("oauth2", "OAuth 2.0")]
    public Task Sign_in_lands_on_the_profile_with_an_api_call_made_as_the_user(string protocol, string protocolName) =>
        _browser.RunAsync($"sign-in-{protocol}", async () =>
        {
            _browser.Open(_siteUrl);
            _browser.Click(By.Id($"signin-{protocol}"));
            Assert.StartsWith(_site.Provider.BaseUrl.AbsoluteUri, _browser.Driver.Url, StringComparison.Ordinal);
            _browser.Click(By.CssSelector("button[value=approve]"));

            AssertSignedIn(protocolName);
            Assert.Equal(new Uri(_siteUrl, "profile"), new Uri(_browser.Driver.Url));
            await Task.CompletedTask;
        });

    [Fact]
    public Task An_unauthenticated_visit_to_the_profile_signs_in_and_returns_there() => _browser.RunAsync("return-url", async () =>
    {
        _browser.Open(new Uri(_siteUrl, "profile"));
        _browser.Click(By.Id("signin-oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));

        AssertSignedIn("OAuth 2.0");
        await Task.CompletedTask;
    });

    [Fact]
    public Task Two_tabs_signing_in_at_once_both_complete() => _browser.RunAsync("two-tabs", async () =>
    {
        var driver = _browser.Driver;
        _browser.Open(new Uri(_siteUrl, "signin/oauth2"));
        _browser.Find(By.CssSelector("button[value=approve]"));
        var first = driver.CurrentWindowHandle;
        driver.SwitchTo().NewWindow(WindowType.Tab);
        _browser.Open(new Uri(_siteUrl, "signin/oauth1"));
        var second = driver.CurrentWindowHandle;

        // The tab started last finishes first; the first tab's flow is still there to finish after it.
        _browser.Click(By.CssSelector("button[value=approve]"));
        AssertSignedIn("OAuth 1.0a");
        driver.SwitchTo().Window(first);
        _browser.Click(By.CssSelector("button[value=approve]"));
        AssertSignedIn("OAuth 2.0");
        driver.SwitchTo().Window(second);
        driver.Navigate().Refresh();
        AssertSignedIn("OAuth 2.0"); // one cookie per browser: the last sign-in wins
        await Task.CompletedTask;
    });

    [Fact]
    public Task Denying_at_the_provider_shows_the_denied_page_and_signs_nobody_in() => _browser.RunAsync("deny", async () =>
    {
        _browser.Open(_siteUrl);
        _browser.Click(By.Id("signin-oauth2"));
        _browser.Click(By.CssSelector("button[value=deny]"));

        Assert.Contains("nothing was shared", _browser.Find(By.Id("denied")).Text, StringComparison.Ordinal);
        _browser.Open(new Uri(_siteUrl, "profile"));
        Assert.NotNull(_browser.Find(By.Id("signin-oauth2"))); // sent to sign in
        await Task.CompletedTask;
    });

    [Fact]
    public Task The_back_button_cannot_complete_a_sign_in_twice() => _browser.RunAsync("back-button", async () =>
    {
        _browser.Open(_siteUrl);
        _browser.Click(By.Id("signin-oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));
        AssertSignedIn("OAuth 2.0");

        // Back to the consent page of the finished flow, approve again: the callback's flow is spent.
        _browser.Driver.Navigate().Back();
        _browser.Click(By.CssSelector("button[value=approve]"));
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, _browser.Find(By.Id("failed")).GetAttribute("data-error"));

        _browser.Open(new Uri(_siteUrl, "profile"));
        AssertSignedIn("OAuth 2.0"); // the earlier sign-in is untouched
        await Task.CompletedTask;
    });

    [Fact]
    public Task An_expired_token_is_refreshed_on_reload() => _browser.RunAsync("refresh", async () =>
    {
        _browser.Open(new Uri(_siteUrl, "signin/oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));
        AssertSignedIn("OAuth 2.0");
        var before = _browser.Find(By.Id("expires")).Text;

        _clock.Advance(TimeSpan.FromMinutes(3)); // past the demo provider's two-minute access tokens
        _browser.Driver.Navigate().Refresh();
        AssertSignedIn("OAuth 2.0");
        // The page reads the expiry from the cookie as the request brought it: the refreshed one shows from the next load.
        _browser.Driver.Navigate().Refresh();
        var after = _browser.Find(By.Id("expires")).Text;

        Assert.NotEqual(before, after);
        await Task.CompletedTask;
    });

    [Fact]
    public Task Signing_out_revokes_the_grant() => _browser.RunAsync("sign-out", async () =>
    {
        _browser.Open(new Uri(_siteUrl, "signin/oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));
        AssertSignedIn("OAuth 2.0");
        var cookie = _browser.Driver.Manage().Cookies.GetCookieNamed(".OAuthGen.WebApp");
        Assert.NotNull(cookie);

        _browser.Click(By.Id("signout"));
        Assert.NotNull(_browser.Find(By.Id("signin-oauth2")));
        Assert.Null(_browser.Driver.Manage().Cookies.GetCookieNamed(".OAuthGen.WebApp"));

        // A copy of the signed-in cookie still authenticates at the site, but the provider no longer knows its grant.
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_siteUrl, "profile"));
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"ended\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    });

    [Fact]
    public Task The_site_opened_at_localhost_signs_in_too() => _browser.RunAsync("localhost", async () =>
    {
        var localhost = new UriBuilder(_siteUrl) { Host = "localhost" }.Uri;
        _browser.Open(localhost);
        _browser.Click(By.Id("signin-oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));

        AssertSignedIn("OAuth 2.0");
        Assert.Equal("localhost", new Uri(_browser.Driver.Url).Host);
        await Task.CompletedTask;
    });

    private void AssertSignedIn(string protocolName)
    {
        var user = _browser.Find(By.Id("user")).Text;
        Assert.Contains($"Signed in as {DemoCredentials.User.Name} (@{DemoCredentials.User.Login}, {DemoCredentials.User.Email}) with {protocolName}.", user,
            StringComparison.Ordinal);
        Assert.Contains("hello from the OAuthGen web app", _browser.Find(By.Id("echo")).Text, StringComparison.Ordinal);
    }
}
