using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples.DemoProvider;
using OpenQA.Selenium;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// <c>response_mode=form_post</c> in a real browser (headless Chromium): the provider's page posts the response to the
/// site's callback. The site is opened at <c>localhost</c> and the provider runs at <c>127.0.0.1</c>, two different sites,
/// so that post is a cross-site request and carries the flow cookie only because it is <c>SameSite=None; Secure</c>.
/// </summary>
public sealed class FormPostBrowserTests : IAsyncLifetime
{
    private ChromeSession _browser = null!;

    public Task InitializeAsync()
    {
        _browser = new ChromeSession();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _browser.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public Task A_form_post_scheme_signs_in_through_the_providers_cross_site_post() => _browser.RunAsync("form-post", async () =>
    {
        await using var site = await StartSiteAsync(options => options.ResponseMode = AuthorizationResponseMode.FormPost);
        var localhost = new UriBuilder(site.Url) { Host = "localhost" }.Uri;

        _browser.Open(new Uri(localhost, "login/test-oauth2"));
        Assert.Equal(site.Provider.BaseUrl.Host, new Uri(_browser.Driver.Url).Host);
        _browser.Click(By.CssSelector("button[value=approve]"));

        var me = _browser.Find(By.TagName("pre")).Text; // the site's /me, as JSON
        Assert.Equal(new Uri(localhost, "me"), new Uri(_browser.Driver.Url));
        Assert.Contains($"\"login\":\"{DemoCredentials.User.Login}\"", me, StringComparison.Ordinal);
        Assert.Contains("\"authenticated_with\":\"oauth2\"", me, StringComparison.Ordinal);
        Assert.Contains(site.Provider.Provider.RequestsTo(OAuthGen.Testing.TestEndpoint.OAuth2Authorize),
            request => request.Parameter("response_mode") == "form_post");
    });

    [Fact]
    public Task The_same_post_without_a_SameSite_None_flow_cookie_finds_no_sign_in() => _browser.RunAsync("form-post-lax", async () =>
    {
        // Asked for form_post behind the scheme's back: the flow cookie stays SameSite=Lax, which a cross-site post does not carry.
        await using var site = await StartSiteAsync(options => options.AuthorizationParameters["response_mode"] = "form_post");
        var localhost = new UriBuilder(site.Url) { Host = "localhost" }.Uri;

        _browser.Open(new Uri(localhost, "login/test-oauth2"));
        _browser.Click(By.CssSelector("button[value=approve]"));

        Assert.Equal(OAuthErrorType.NoPendingAuthorization, _browser.Find(By.Id("error")).GetAttribute("data-error"));
        Assert.Equal(new Uri(localhost, "signin-test-oauth2"), new Uri(_browser.Driver.Url));
    });

    /// <summary>The test site with one OAuth 2.0 scheme, its <c>localhost</c> callback registered at the provider.</summary>
    private static async Task<SignInSite> StartSiteAsync(Action<RemoteAppAuthenticationOptions> configure)
    {
        var site = await SignInSite.StartAsync((_, authentication) => authentication.AddRemoteApp<ITestOAuth2>(configure: options =>
        {
            options.MapUser((ITestOAuth2 api, CancellationToken ct) => api.GetMeAsync(ct),
                (user, claims) => { claims.Id = user.Id; claims.Name = user.Login; });
            configure(options);
        }));
        site.Provider.AddRedirectUri($"http://localhost:{site.Url.Port}/signin-test-oauth2");
        return site;
    }
}
