using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// The Facebook, GitHub and Weibo samples, run as processes with made-up credentials from the environment: their /login
/// sends the browser to the real provider with the right OAuth 2.0 request (built offline), and a denial comes back as a
/// page. (Twitter's /login needs Twitter itself, for the request token.)
/// </summary>
public sealed class ProviderSampleTests
{
    [Theory]
    // flask-style flat keys...
    [InlineData("GitHub", "GITHUB_CONSUMER_KEY", "GITHUB_CONSUMER_SECRET", "https://github.com/login/oauth/authorize", "user:email")]
    [InlineData("Weibo", "WEIBO_CONSUMER_KEY", "WEIBO_CONSUMER_SECRET", "https://api.weibo.com/oauth2/authorize", "email,statuses_to_me_read")]
    // ...and nested keys (Facebook:ConsumerKey, spelled Facebook__ConsumerKey in the environment).
    [InlineData("Facebook", "Facebook__ConsumerKey", "Facebook__ConsumerSecret", "https://www.facebook.com/dialog/oauth", "email")]
    public async Task Login_redirects_to_the_provider_with_the_configured_client_scope_state_and_pkce(
        string sample, string keyVariable, string secretVariable, string authorizeUrl, string scope)
    {
        await using var process = SampleProcess.Start(sample,
            new Dictionary<string, string> { [keyVariable] = "sample-client-id", [secretVariable] = "sample-client-secret" },
            "--urls", "http://127.0.0.1:0");
        var site = await process.ListeningAsync();
        using var browser = new SiteBrowser();

        var login = await browser.GetAsync(new Uri(site, "login"));

        var target = login.RedirectTarget;
        Assert.Equal(authorizeUrl, target.GetLeftPart(UriPartial.Path));
        var query = Query(target);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("sample-client-id", query["client_id"]);
        Assert.Equal(new Uri(site, "login/authorized").AbsoluteUri, query["redirect_uri"]);
        Assert.Equal(scope, query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.True(query["state"].Length >= 20);
        Assert.DoesNotContain("sample-client-secret", target.AbsoluteUri);
        Assert.Contains(browser.Cookies.GetCookies(new Uri(site, "login/authorized")), cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));

        // The user denies at the provider, which redirects back with the same state.
        var denied = await browser.GetAsync(new Uri(site, $"login/authorized?error=access_denied&error_description=no&state={Uri.EscapeDataString(query["state"])}"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("The sign-in was denied.", denied.Html);
        Assert.DoesNotContain("sample-client-secret", process.Output);
    }

    [Theory]
    [InlineData("Twitter", "TWITTER")]
    [InlineData("Facebook", "FACEBOOK")]
    [InlineData("GitHub", "GITHUB")]
    [InlineData("Weibo", "WEIBO")]
    public async Task Every_provider_sample_starts_with_credentials_from_the_environment_and_offers_sign_in(string sample, string prefix)
    {
        await using var process = SampleProcess.Start(sample,
            new Dictionary<string, string> { [$"{prefix}_CONSUMER_KEY"] = "sample-key", [$"{prefix}_CONSUMER_SECRET"] = "sample-secret" },
            "--urls", "http://127.0.0.1:0");
        var site = await process.ListeningAsync();
        using var browser = new SiteBrowser();

        var home = await browser.GetAsync(site);

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("href=\"/login\"", home.Html);
    }

    [Fact]
    public async Task A_sample_without_credentials_stops_at_startup_naming_both_configuration_keys()
    {
        await using var process = SampleProcess.Start("GitHub", new Dictionary<string, string>(), "--urls", "http://127.0.0.1:0");

        var exitCode = await process.ExitCodeAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("GitHub:ConsumerKey", process.Output);
        Assert.Contains("GITHUB_CONSUMER_KEY", process.Output);
    }

    private static Dictionary<string, string> Query(Uri url) => url.Query.TrimStart('?').Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
}
