using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>The signed-in user's token: used by the clients, refreshed and written back to their sign-in, revoked at sign-out.</summary>
public sealed class UserTokenTests
{
    [Fact]
    public async Task An_expired_token_is_refreshed_and_the_rotated_tokens_are_written_back_to_the_users_cookie()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        var first = (await browser.SignInAsync(site, "test-oauth2")).GetProperty("access_token").GetString();

        // Access tokens live two minutes; refresh tokens rotate and reusing one revokes the grant. Staying signed in across
        // two expiries proves the first refresh's tokens reached the cookie.
        var seen = new[] { first };
        for (var expiry = 0; expiry < 2; expiry++)
        {
            site.Clock.Advance(TimeSpan.FromMinutes(3));
            var refreshed = await browser.GetAsync(new Uri(site.Url, "me"));
            Assert.True(refreshed.Status == HttpStatusCode.OK, refreshed.Describe());
            Assert.Contains(refreshed.SetCookies, cookie => cookie.StartsWith(".AspNetCore.Cookies=", StringComparison.Ordinal));

            // The next request reads the re-issued cookie: the new token, and nothing to write back.
            var next = await browser.GetAsync(new Uri(site.Url, "me"));
            Assert.True(next.Status == HttpStatusCode.OK, next.Describe());
            Assert.DoesNotContain(next.SetCookies, cookie => cookie.StartsWith(".AspNetCore.Cookies=", StringComparison.Ordinal));
            var token = System.Text.Json.JsonDocument.Parse(next.Body).RootElement.GetProperty("access_token").GetString();
            Assert.DoesNotContain(token, seen);
            seen = [.. seen, token];
        }
        Assert.Equal(2, site.Log.Lines.Count(line => line.Contains("refreshed the token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_users_each_call_the_api_with_their_own_token()
    {
        await using var site = await SignInSite.StartAsync();
        using var alice = new HttpBrowser();
        using var bob = new HttpBrowser();

        var aliceToken = (await alice.SignInAsync(site, "test-oauth2")).GetProperty("access_token").GetString();
        var bobToken = (await bob.SignInAsync(site, "test-oauth2")).GetProperty("access_token").GetString();

        Assert.NotEqual(aliceToken, bobToken);
        Assert.Equal(aliceToken, (await alice.MeAsync(site)).GetProperty("access_token").GetString());
        Assert.Equal(bobToken, (await bob.MeAsync(site)).GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task Signing_out_revokes_the_grant_so_a_copy_of_the_old_cookie_no_longer_reaches_the_api()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        await browser.SignInAsync(site, "test-oauth2");
        var signedIn = browser.Cookies.GetAllCookies().Single(cookie => cookie.Name == ".AspNetCore.Cookies");

        var signOut = await browser.PostAsync(new Uri(site.Url, "logout"), []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.Contains(site.Log.Lines, line => line.Contains("/oauth2/revoke -> 200", StringComparison.Ordinal));
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == ".AspNetCore.Cookies" && !cookie.Expired);
        using var copy = new HttpBrowser();
        copy.Cookies.Add(new Cookie(signedIn.Name, signedIn.Value, signedIn.Path, signedIn.Domain));
        var me = await copy.GetAsync(new Uri(site.Url, "me"));
        Assert.True(me.Status == HttpStatusCode.Unauthorized, me.Describe());
        Assert.Contains(OAuthErrorType.RefreshFailed, me.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_revokes_the_grant_when_the_cookie_scheme_names_its_events_by_EventsType()
    {
        await using var site = await SignInSite.StartAsync((builder, authentication) =>
        {
            builder.Services.AddScoped<AppCookieEvents>();
            builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
                options => options.EventsType = typeof(AppCookieEvents));
            authentication.AddRemoteApp<ITestOAuth2>();
        });
        using var browser = new HttpBrowser();
        var callback = await browser.DecideAsync(await browser.StartSignInAsync(site, "test-oauth2"), approve: true);
        var signedIn = await browser.GetAsync(callback);
        Assert.Contains(signedIn.SetCookies, cookie => cookie.StartsWith("app-signed-in=yes", StringComparison.Ordinal)); // the app's events answer
        var cookie = browser.Cookies.GetAllCookies().Single(cookie => cookie.Name == ".AspNetCore.Cookies");

        var signOut = await browser.PostAsync(new Uri(site.Url, "logout"), []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.Contains(signOut.SetCookies, cookie => cookie.StartsWith("app-signed-out=yes", StringComparison.Ordinal));
        Assert.Contains(site.Log.Lines, line => line.Contains("/oauth2/revoke -> 200", StringComparison.Ordinal));
        using var copy = new HttpBrowser();
        copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        var me = await copy.GetAsync(new Uri(site.Url, "me"));
        Assert.True(me.Status == HttpStatusCode.Unauthorized, me.Describe());
    }

    /// <summary>An app's cookie events, resolved per request through <c>EventsType</c>; each marks what it saw with a cookie.</summary>
    private sealed class AppCookieEvents : CookieAuthenticationEvents
    {
        public override Task SignedIn(CookieSignedInContext context)
        {
            context.Response.Cookies.Append("app-signed-in", "yes");
            return base.SignedIn(context);
        }

        public override Task SigningOut(CookieSigningOutContext context)
        {
            context.Response.Cookies.Append("app-signed-out", "yes");
            return base.SigningOut(context);
        }
    }

    [Fact]
    public async Task Signing_out_of_an_OAuth1_sign_in_revokes_nothing_and_signs_out()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        await browser.SignInAsync(site, "test-oauth1");

        var signOut = await browser.PostAsync(new Uri(site.Url, "logout"), []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.DoesNotContain(site.Log.Lines, line => line.Contains("revoke", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri(site.Url, "me"))).Status);
    }
}
