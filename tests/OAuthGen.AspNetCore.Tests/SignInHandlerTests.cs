using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// The sign-in scheme over real HTTP: the site on Kestrel, the demo provider's authorize, token and API endpoints, and a
/// cookie jar as the browser.
/// </summary>
public sealed class SignInHandlerTests
{
    [Fact]
    public async Task OAuth1_sign_in_gives_claims_from_the_token_response_and_calls_the_api_as_the_user()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        var authorize = await browser.StartSignInAsync(site, "test-oauth1");
        Assert.Equal("/oauth1/authorize", authorize.AbsolutePath);
        var flowCookie = Assert.Single(browser.Cookies.GetAllCookies(), cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));
        Assert.True(flowCookie.HttpOnly);
        Assert.Equal("/signin-test-oauth1", flowCookie.Path);
        Assert.DoesNotContain("request", flowCookie.Value, StringComparison.OrdinalIgnoreCase); // protected, not readable JSON

        var callback = await browser.DecideAsync(authorize, approve: true);
        Assert.Equal(new Uri(site.Url, "/signin-test-oauth1").AbsoluteUri, callback.GetLeftPart(UriPartial.Path));
        var completed = await browser.GetAsync(callback);
        Assert.Equal(new Uri(site.Url, "/me"), completed.Location);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));

        var me = await browser.MeAsync(site);
        // No MapUser: the OAuth 1.0a access token response's user_id and screen_name are the claims.
        Assert.Equal(DemoCredentials.User.Id, me.GetProperty("claims").GetProperty(System.Security.Claims.ClaimTypes.NameIdentifier).GetString());
        Assert.Equal(DemoCredentials.User.Login, me.GetProperty("claims").GetProperty(System.Security.Claims.ClaimTypes.Name).GetString());
        Assert.Equal("oauth1", me.GetProperty("api").GetProperty("authenticated_with").GetString());
    }

    [Fact]
    public async Task OAuth2_sign_in_maps_the_typed_user_and_saves_the_tokens_in_the_sign_in()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        var authorize = await browser.StartSignInAsync(site, "test-oauth2");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(new Uri(site.Url, "/signin-test-oauth2").AbsoluteUri, query["redirect_uri"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(query.ContainsKey("response_mode"));

        var callback = await browser.DecideAsync(authorize, approve: true);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(callback)).Status);
        var me = await browser.MeAsync(site);

        var claims = me.GetProperty("claims");
        Assert.Equal(DemoCredentials.User.Id, claims.GetProperty(System.Security.Claims.ClaimTypes.NameIdentifier).GetString());
        Assert.Equal(DemoCredentials.User.Login, claims.GetProperty(System.Security.Claims.ClaimTypes.Name).GetString());
        Assert.Equal(DemoCredentials.User.Email, claims.GetProperty(System.Security.Claims.ClaimTypes.Email).GetString());
        Assert.Equal(DemoCredentials.User.Name, claims.GetProperty("display_name").GetString());
        Assert.Equal("oauth2", me.GetProperty("api").GetProperty("authenticated_with").GetString());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("access_token").GetString())); // SaveTokens: GetTokenAsync works as usual
    }

    [Fact]
    public async Task Untyped_json_user_gets_the_default_id_name_and_email_claims()
    {
        await using var site = await SignInSite.StartAsync((_, authentication) => authentication.AddRemoteApp<ITestOAuth2>(configure: options =>
            options.MapUser((ITestOAuth2 api, System.Threading.CancellationToken ct) => api.GetMeJsonAsync(ct))));
        using var browser = new HttpBrowser();

        var claims = (await browser.SignInAsync(site, "test-oauth2")).GetProperty("claims");

        Assert.Equal(DemoCredentials.User.Id, claims.GetProperty(System.Security.Claims.ClaimTypes.NameIdentifier).GetString());
        Assert.Equal(DemoCredentials.User.Login, claims.GetProperty(System.Security.Claims.ClaimTypes.Name).GetString());
        Assert.Equal(DemoCredentials.User.Email, claims.GetProperty(System.Security.Claims.ClaimTypes.Email).GetString());
    }

    [Theory]
    [InlineData("test-oauth1")]
    [InlineData("test-oauth2")]
    public async Task Two_sign_ins_started_in_two_tabs_both_complete_in_any_order(string scheme)
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        var first = await browser.StartSignInAsync(site, scheme);
        var second = await browser.StartSignInAsync(site, scheme);
        Assert.Equal(2, browser.Cookies.GetAllCookies().Count(cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal)));

        var secondCallback = await browser.DecideAsync(second, approve: true);
        var firstCallback = await browser.DecideAsync(first, approve: true);
        var secondDone = await browser.GetAsync(secondCallback);
        var firstDone = await browser.GetAsync(firstCallback);

        Assert.True(secondDone.Location == new Uri(site.Url, "/me"), secondDone.Describe());
        Assert.True(firstDone.Location == new Uri(site.Url, "/me"), firstDone.Describe());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(site.Url, "me"))).Status);
    }

    [Theory]
    [InlineData("test-oauth1")]
    [InlineData("test-oauth2")]
    public async Task A_denial_is_a_403_page_without_AccessDeniedPath_and_signs_nobody_in(string scheme)
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        var callback = await browser.DecideAsync(await browser.StartSignInAsync(site, scheme), approve: false);
        var denied = await browser.GetAsync(callback);

        Assert.True(denied.Status == HttpStatusCode.Forbidden, denied.Describe());
        Assert.Equal(SignInFailure.AccessDenied, denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri(site.Url, "me"))).Status); // to the cookie login path
    }

    [Fact]
    public async Task A_denial_goes_to_AccessDeniedPath_when_set()
    {
        await using var site = await SignInSite.StartAsync((_, authentication) =>
            authentication.AddRemoteApp<ITestOAuth2>(configure: options => options.AccessDeniedPath = "/denied"));
        using var browser = new HttpBrowser();

        var denied = await browser.GetAsync(await browser.DecideAsync(await browser.StartSignInAsync(site, "test-oauth2"), approve: false));

        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Equal("/denied", denied.Location!.AbsolutePath);
        Assert.Equal("/me", QueryHelpers.ParseQuery(denied.Location.Query)["ReturnUrl"].ToString());
    }

    [Theory]
    [InlineData("test-oauth1")]
    [InlineData("test-oauth2")]
    public async Task A_replayed_callback_is_refused_with_or_without_its_flow_cookie(string scheme)
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        var authorize = await browser.StartSignInAsync(site, scheme);
        var flowCookie = browser.Cookies.GetAllCookies().Single(cookie => cookie.Name.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));
        var callback = await browser.DecideAsync(authorize, approve: true);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(callback)).Status);

        // The back button: the flow cookie is gone, so the callback belongs to no flow of this browser.
        var again = await browser.GetAsync(callback);
        Assert.True(again.Status == HttpStatusCode.BadRequest, again.Describe());
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, again.ErrorCode);

        // A copied flow cookie sent again: the runtime's replay store has the flow as used.
        using var replay = new HttpBrowser();
        replay.Cookies.Add(new Cookie(flowCookie.Name, flowCookie.Value, flowCookie.Path, flowCookie.Domain));
        var replayed = await replay.GetAsync(callback);
        Assert.True(replayed.Status == HttpStatusCode.BadRequest, replayed.Describe());
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replayed.ErrorCode);
    }

    [Fact]
    public async Task A_forged_state_or_a_callback_without_one_fails_with_a_400_page()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();
        await browser.StartSignInAsync(site, "test-oauth2");

        var forged = await browser.GetAsync(new Uri(site.Url, "/signin-test-oauth2?code=stolen&state=forged"));
        var bare = await browser.GetAsync(new Uri(site.Url, "/signin-test-oauth2?code=stolen"));

        Assert.True(forged.Status == HttpStatusCode.BadRequest, forged.Describe());
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, forged.ErrorCode);
        Assert.True(bare.Status == HttpStatusCode.BadRequest, bare.Describe());
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, bare.ErrorCode);
    }

    [Fact]
    public async Task Provider_errors_take_the_failure_path_to_FailurePath_never_a_500()
    {
        await using var site = await SignInSite.StartAsync((_, authentication) =>
            authentication.AddRemoteApp<ITestOAuth2>(configure: options => options.FailurePath = "/failed"));
        using var browser = new HttpBrowser();

        // The token endpoint refuses a code that was changed on the way.
        var callback = await browser.DecideAsync(await browser.StartSignInAsync(site, "test-oauth2"), approve: true);
        var query = QueryHelpers.ParseQuery(callback.Query);
        var tampered = QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path),
            new Dictionary<string, string?> { ["code"] = query["code"] + "x", ["state"] = query["state"] });
        var refused = await browser.GetAsync(new Uri(tampered));
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Equal("/failed", refused.Location!.AbsolutePath);
        Assert.Equal(OAuthErrorType.TokenEndpointError, QueryHelpers.ParseQuery(refused.Location.Query)["error"].ToString());

        // The authorization server answers an error other than a denial.
        var state = QueryHelpers.ParseQuery((await browser.StartSignInAsync(site, "test-oauth2")).Query)["state"].ToString();
        var serverError = await browser.GetAsync(new Uri(site.Url, $"/signin-test-oauth2?error=server_error&state={Uri.EscapeDataString(state)}"));
        Assert.Equal("/failed", serverError.Location!.AbsolutePath);
        Assert.Equal(OAuthErrorType.AuthorizationError, QueryHelpers.ParseQuery(serverError.Location.Query)["error"].ToString());
    }

    [Fact]
    public async Task An_exception_of_the_apps_own_MapUser_code_is_a_400_page_that_does_not_quote_it()
    {
        const string Secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
        await using var site = await SignInSite.StartAsync((_, authentication) => authentication.AddRemoteApp<ITestOAuth2>(configure: options =>
            options.MapUser((ITestOAuth2 api, System.Threading.CancellationToken ct) => api.GetMeAsync(ct),
                (_, _) => throw new InvalidOperationException($"Could not store the user with api_key={Secret}."))));
        using var browser = new HttpBrowser();

        var callback = await browser.DecideAsync(await browser.StartSignInAsync(site, "test-oauth2"), approve: true);
        var failed = await browser.GetAsync(callback);

        Assert.True(failed.Status == HttpStatusCode.BadRequest, failed.Describe());
        Assert.Equal(SignInFailure.SignInFailed, failed.ErrorCode);
        Assert.Contains("The sign-in failed.", failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key", failed.Body, StringComparison.Ordinal);
        var logged = Assert.Single(site.Log.Lines, line => line.Contains(typeof(SignInFailure).FullName!, StringComparison.Ordinal));
        Assert.Contains(typeof(InvalidOperationException).FullName!, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logged, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri(site.Url, "me"))).Status); // nobody signed in
    }

    [Fact]
    public async Task An_OnRemoteFailure_of_the_app_answers_instead_of_the_default()
    {
        await using var site = await SignInSite.StartAsync((_, authentication) => authentication.AddRemoteApp<ITestOAuth2>(configure: options =>
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/oops?type=" + ((OAuthException)context.Failure!).Type);
                context.HandleResponse();
                return Task.CompletedTask;
            }));
        using var browser = new HttpBrowser();

        var forged = await browser.GetAsync(new Uri(site.Url, "/signin-test-oauth2?code=stolen&state=forged"));

        Assert.Equal(HttpStatusCode.Redirect, forged.Status);
        Assert.Equal($"/oops?type={OAuthErrorType.NoPendingAuthorization}", forged.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_502_page_at_the_challenge()
    {
        await using var site = await SignInSite.StartAsync((builder, authentication) =>
        {
            // A port nobody listens on: the OAuth 1.0a request token cannot be fetched.
            builder.Services.AddRemoteApp<ITestOAuth1>(options => options.RequestTokenUrl = "http://127.0.0.1:9/oauth1/request_token");
            authentication.AddRemoteApp<ITestOAuth1>();
        });
        using var browser = new HttpBrowser();

        var challenge = await browser.GetAsync(new Uri(site.Url, "login/test-oauth1"));

        Assert.True(challenge.Status == HttpStatusCode.BadGateway, challenge.Describe());
        Assert.Contains("test-oauth1", challenge.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_redirect_uri_follows_the_host_the_site_was_opened_at()
    {
        await using var site = await SignInSite.StartAsync();
        using var browser = new HttpBrowser();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Url, "login/test-oauth2"));
        request.Headers.Host = $"localhost:{site.Url.Port}";
        var challenge = await browser.SendAsync(request);

        Assert.Equal($"http://localhost:{site.Url.Port}/signin-test-oauth2",
            QueryHelpers.ParseQuery(challenge.Location!.Query)["redirect_uri"].ToString());
    }

    [Fact]
    public async Task Form_post_response_mode_asks_for_it_sets_a_SameSite_None_cookie_and_reads_the_posted_callback()
    {
        await using var site = await SignInSite.StartAsync((_, authentication) =>
            authentication.AddRemoteApp<ITestOAuth2>(configure: options => options.ResponseMode = AuthorizationResponseMode.FormPost));
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

        using var challenge = await http.GetAsync(new Uri(site.Url, "login/test-oauth2"));
        var authorize = challenge.Headers.Location!;
        Assert.Equal("form_post", QueryHelpers.ParseQuery(authorize.Query)["response_mode"].ToString());
        var setCookie = Assert.Single(challenge.Headers.GetValues("Set-Cookie"), value => value.StartsWith(".OAuthGen.Flow.", StringComparison.Ordinal));
        Assert.Contains("samesite=none", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);

        // The provider answers with a page whose form posts code and state to the callback; ApproveAsync reads that form.
        var posted = await site.Provider.Provider.ApproveAsync(authorize);
        Assert.Equal(new Uri(site.Url, "/signin-test-oauth2").AbsoluteUri, posted.GetLeftPart(UriPartial.Path));
        var fields = QueryHelpers.ParseQuery(posted.Query).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString()));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(site.Url, "/signin-test-oauth2")) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", setCookie.Split(';')[0]);
        using var completed = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal("/me", completed.Headers.Location!.OriginalString);
        Assert.Contains(completed.Headers.GetValues("Set-Cookie"), value => value.StartsWith(".AspNetCore.Cookies=", StringComparison.Ordinal));
    }
}
