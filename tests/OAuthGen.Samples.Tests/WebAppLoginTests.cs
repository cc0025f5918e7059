using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using OAuthGen.Samples.WebApp;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// Drives samples/WebApp end to end over HTTP, as a browser with a cookie jar: the site on Kestrel at 127.0.0.1 and a free
/// port, its embedded demo provider's consent page, the sign-in scheme's callback, and the profile page's API call.
/// </summary>
public sealed class WebAppLoginTests : IAsyncLifetime
{
    private DemoSite _site = null!;
    private Uri _siteUrl = null!;

    public async Task InitializeAsync()
    {
        _site = await DemoSite.CreateAsync(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _site.App.StartAsync();
        _siteUrl = new Uri(_site.App.Urls.Single().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        await _site.App.StopAsync();
        await _site.DisposeAsync();
    }

    [Theory]
    [InlineData("oauth1", "OAuth 1.0a", "oauth1")]
    [InlineData("oauth2", "OAuth 2.0", "oauth2")]
    public async Task Sign_in_shows_the_user_and_an_api_call_made_with_their_token(string kind, string protocol, string wireProtocol)
    {
        using var browser = new SiteBrowser();
        var home = await browser.GetAsync(_siteUrl);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains($"href=\"/signin/{kind}\"", home.Html);

        // The site sends the browser to the provider, with the flow's secrets in a data-protected cookie of its own.
        var signIn = await browser.GetAsync(new Uri(_siteUrl, $"signin/{kind}"));
        var authorize = signIn.RedirectTarget;
        Assert.Equal(_site.Provider.BaseUrl.Authority, authorize.Authority);
        var callbackUrl = new Uri(_siteUrl, $"/signin-demo-{kind}");
        var pending = browser.Cookies.GetCookies(callbackUrl).Single(cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));
        Assert.True(pending.HttpOnly);
        Assert.DoesNotContain("redirectUri", pending.Value, StringComparison.Ordinal); // encrypted, not plain JSON
        Assert.DoesNotContain("%7B", pending.Value, StringComparison.Ordinal);

        // The user approves on the provider's consent page; the provider redirects back to the site's callback.
        var consent = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, consent.Status);
        var decided = await browser.SubmitAsync(consent, new("decision", "approve"));
        var callback = decided.RedirectTarget;
        Assert.Equal(_siteUrl.Authority, callback.Authority);
        Assert.Equal($"/signin-demo-{kind}", callback.AbsolutePath);

        var signedIn = await browser.GetAsync(callback);
        Assert.Equal(new Uri(_siteUrl, "/profile"), signedIn.RedirectTarget);
        Assert.DoesNotContain(browser.Cookies.GetCookies(callbackUrl), cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));

        var page = await browser.GetAsync(new Uri(_siteUrl, "profile"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Signed in as <b>Demo User</b> (@demo, demo@example.test) with {protocol}.", page.Html);
        Assert.Contains("hello from the OAuthGen web app", page.Html);                          // the API echoed the signed/bearer call
        Assert.Contains($"&quot;authenticated_with&quot;:&quot;{wireProtocol}&quot;", page.Html.Replace(" ", ""));

        // Signing out removes the sign-in and its token: the start page offers sign-in again.
        var signOut = await browser.PostFormAsync(new Uri(_siteUrl, "signout"), []);
        Assert.Equal(new Uri(_siteUrl, "/"), signOut.RedirectTarget);
        Assert.Contains($"href=\"/signin/{kind}\"", (await browser.GetAsync(_siteUrl)).Html);
    }

    [Theory]
    [InlineData("oauth1")]
    [InlineData("oauth2")]
    public async Task A_denied_sign_in_says_so_and_signs_nobody_in(string kind)
    {
        using var browser = new SiteBrowser();
        var authorize = (await browser.GetAsync(new Uri(_siteUrl, $"signin/{kind}"))).RedirectTarget;
        var decided = await browser.SubmitAsync(await browser.GetAsync(authorize), new("decision", "deny"));

        var denied = await browser.GetAsync((await browser.GetAsync(decided.RedirectTarget)).RedirectTarget);

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("You denied the request to sign in", denied.Html);
        Assert.Contains($"href=\"/signin/{kind}\"", (await browser.GetAsync(_siteUrl)).Html);
    }

    [Fact]
    public async Task A_callback_this_browser_did_not_start_is_refused()
    {
        using var browser = new SiteBrowser();

        var forged = await browser.GetAsync((await browser.GetAsync(new Uri(_siteUrl, "signin-demo-oauth2?code=stolen&state=guessed"))).RedirectTarget);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("This sign-in was not started in this browser", forged.Html);
    }

    [Fact]
    public async Task A_callback_with_another_state_is_refused_and_the_flow_completes_once()
    {
        using var browser = new SiteBrowser();
        var authorize = (await browser.GetAsync(new Uri(_siteUrl, "signin/oauth2"))).RedirectTarget;
        var callback = (await browser.SubmitAsync(await browser.GetAsync(authorize), new("decision", "approve"))).RedirectTarget;
        var tampered = new Uri(callback.AbsoluteUri.Replace("state=", "state=x", StringComparison.Ordinal));

        var refused = await browser.GetAsync((await browser.GetAsync(tampered)).RedirectTarget);
        var completed = await browser.GetAsync(callback);           // the real flow is untouched by the forged callback
        var replayed = await browser.GetAsync((await browser.GetAsync(callback)).RedirectTarget);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Sign-in failed", refused.Html);
        Assert.Equal(new Uri(_siteUrl, "/profile"), completed.RedirectTarget);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);   // the flow cookie was single-use
        Assert.Contains("This sign-in was not started in this browser", replayed.Html);
    }
}
