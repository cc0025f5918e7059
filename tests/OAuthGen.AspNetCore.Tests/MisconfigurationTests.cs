using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// A client without its credentials is the developer's error, handled as ASP.NET Core handles a missing ClientId: thrown,
/// never disguised as a failed sign-in. Registration asks for ValidateOnStart, so the site does not start; options that
/// become invalid later (a configuration reload) make the scheme throw at its next challenge or callback.
/// </summary>
public sealed class MisconfigurationTests
{
    [Fact]
    public async Task A_client_without_its_secret_stops_the_site_from_starting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SignInSite.StartAsync((builder, authentication) =>
        {
            builder.Configuration["TestOAuth2:ConsumerSecret"] = null;
            authentication.AddRemoteApp<ITestOAuth2>();
        }));

        Assert.Equal("test-oauth2", failure.OptionsName);
        Assert.Contains(failure.Failures, message => message.Contains("TestOAuth2:ConsumerSecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_removed_by_a_reload_make_the_challenge_throw_instead_of_showing_a_failed_sign_in()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        RemoveSecret(site);
        var challenge = await browser.GetAsync(new Uri(site.Url, "login/test-oauth2"));

        Assert.True(challenge.Status == HttpStatusCode.InternalServerError, challenge.Describe());
        Assert.Null(challenge.ErrorCode);
        AssertThrownFor(site, "/login/test-oauth2");
    }

    [Fact]
    public async Task Credentials_removed_by_a_reload_make_the_callback_throw_instead_of_showing_a_failed_sign_in()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        var callback = await browser.DecideAsync(await browser.StartSignInAsync(site, "test-oauth2"), approve: true);

        RemoveSecret(site);
        var completed = await browser.GetAsync(callback);

        Assert.True(completed.Status == HttpStatusCode.InternalServerError, completed.Describe());
        Assert.Null(completed.ErrorCode); // not the failure page
        AssertThrownFor(site, "/signin-test-oauth2");
    }

    private static void RemoveSecret(SignInSite site)
    {
        site.App.Configuration["TestOAuth2:ConsumerSecret"] = null;
        // The options system tells the reload's listeners first: a listener reading the options gets the failure right away.
        var reload = Record.Exception(((IConfigurationRoot)site.App.Configuration).Reload);
        if (reload is not null) Assert.IsType<OptionsValidationException>(reload.GetBaseException());
    }

    /// <summary>The server logged the request's unhandled exception: the options failure naming the missing key.</summary>
    private static void AssertThrownFor(SignInSite site, string path)
    {
        var lines = site.Log.Lines;
        Assert.True(lines.Any(line => line.Contains($"[{nameof(OptionsValidationException)}:", StringComparison.Ordinal) &&
            line.Contains("TestOAuth2:ConsumerSecret", StringComparison.Ordinal)), $"No unhandled OptionsValidationException for {path}:\n" + string.Join("\n", lines));
    }
}
