using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace OAuthGen.Testing.Tests;

/// <summary>
/// <c>response_mode=form_post</c> (OAuth 2.0 Form Post Response Mode): the provider answers the decision with a page that
/// posts the response to the redirect URI, and the browserless consent helpers read that form.
/// </summary>
public sealed class FormPostResponseTests : IAsyncLifetime
{
    private static readonly KeyValuePair<string, string>[] FormPost = [new("response_mode", "form_post")];

    private TestProvider _provider = null!;
    private HttpClient _http = null!;
    private IKitOAuth2 _client = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory });
        _http = _provider.CreateHttpClient();
        _client = IKitOAuth2.Create(_http, _provider.CreateOptions(_provider.AddOAuth2Client(), IKitOAuth2.CreateOptions()));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Approving_answers_a_page_that_posts_the_code_and_state_to_the_redirect_uri_as_soon_as_it_loads()
    {
        var redirect = await _client.AuthorizeAsync(TestProvider.DefaultRedirectUri, parameters: FormPost);

        using var answer = await _http.GetAsync(TestProvider.Approve(redirect.Url));
        var page = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        Assert.True(answer.Headers.CacheControl!.NoStore);
        var (action, fields) = ParseForm(page);
        Assert.Equal(TestProvider.DefaultRedirectUri, action);
        Assert.Equal(["code", "state"], fields.Select(field => field.Key));
        Assert.Equal(redirect.Pending.State, fields.Single(field => field.Key == "state").Value);
        Assert.Matches("<body onload=\"document\\.forms\\[0\\]\\.submit\\(\\)\">", page);
    }

    [Fact]
    public async Task Denying_posts_the_error_and_state()
    {
        var redirect = await _client.AuthorizeAsync(TestProvider.DefaultRedirectUri, parameters: FormPost);

        using var answer = await _http.GetAsync(TestProvider.Deny(redirect.Url));

        var (action, fields) = ParseForm(await answer.Content.ReadAsStringAsync());
        Assert.Equal(TestProvider.DefaultRedirectUri, action);
        Assert.Equal("access_denied", fields.Single(field => field.Key == "error").Value);
        Assert.Equal(redirect.Pending.State, fields.Single(field => field.Key == "state").Value);
        Assert.DoesNotContain(fields, field => field.Key == "code");
    }

    [Fact]
    public async Task ApproveAsync_reads_the_form_and_the_client_signs_in_with_what_it_posts()
    {
        var redirect = await _client.AuthorizeAsync(TestProvider.DefaultRedirectUri, parameters: FormPost);

        var callback = await _provider.ApproveAsync(redirect.Url);
        var result = await _client.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.Equal(TestProvider.DefaultRedirectUri, callback.GetLeftPart(UriPartial.Path));
        Assert.False(result.IsDenied, result.ErrorDescription);
        var me = await _client.GetAsync("api/me", token: result.Token);
        Assert.Equal(HttpStatusCode.OK, me.Status);
    }

    [Fact]
    public async Task DenyAsync_reads_the_form_and_the_client_sees_the_denial()
    {
        var redirect = await _client.AuthorizeAsync(TestProvider.DefaultRedirectUri, parameters: FormPost);

        var result = await _client.AuthorizedResponseAsync(await _provider.DenyAsync(redirect.Url), redirect.Pending);

        Assert.True(result.IsDenied);
        Assert.Equal("access_denied", result.Error);
    }

    [Fact]
    public async Task An_unknown_response_mode_is_refused_in_the_query()
    {
        var redirect = await _client.AuthorizeAsync(TestProvider.DefaultRedirectUri, parameters: [new("response_mode", "fragment")]);

        using var answer = await _http.GetAsync(TestProvider.Approve(redirect.Url));

        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal("invalid_request", QueryValue(answer.Headers.Location!, "error"));
        Assert.Null(QueryValue(answer.Headers.Location!, "code"));
    }

    /// <summary>The form of the page, read as a browser does: its target and hidden fields, HTML entities decoded.</summary>
    private static (string Action, List<KeyValuePair<string, string>> Fields) ParseForm(string page)
    {
        var form = Regex.Match(page, "<form\\s+method=\"post\"\\s+action=\"([^\"]*)\"\\s*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, page);
        var fields = Regex.Matches(form.Groups[2].Value, "<input\\s+type=\"hidden\"\\s+name=\"([^\"]*)\"\\s+value=\"([^\"]*)\"\\s*/?>")
            .Select(input => KeyValuePair.Create(WebUtility.HtmlDecode(input.Groups[1].Value), WebUtility.HtmlDecode(input.Groups[2].Value)))
            .ToList();
        return (WebUtility.HtmlDecode(form.Groups[1].Value), fields);
    }

    private static string? QueryValue(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2))
            .Where(pair => Uri.UnescapeDataString(pair[0]) == name).Select(pair => Uri.UnescapeDataString(pair[1])).FirstOrDefault();
}
