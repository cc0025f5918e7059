using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests;

/// <summary>
/// Request URLs are absolute http(s) URLs or relative paths; callbacks are absolute http(s) URLs or a native app's
/// private-use scheme. Anything else is an ArgumentException before anything is sent.
/// </summary>
public class UrlRuleTests
{
    public static TheoryData<string> BadRequestUrls =>
    [
        "", " ", "\t", "\r\n", "javascript:alert(1)", " javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd",
        "data:text/plain,hi", "mailto:someone@example.com", "ht!tp:/bad url", "http:/one-slash", "https:no-slashes", "https://",
        "http://", "me\r\nX-Injected: 1", "me\0", "c:/windows/win.ini",
    ];

    public static TheoryData<string, string> GoodRequestUrls => new()
    {
        { "me", "https://api.example.com/v1/me" },
        { "/me", "https://api.example.com/v1/me" },
        { "users/a b?x=1", "https://api.example.com/v1/users/a%20b?x=1" },
        { "users/name:with-colon", "https://api.example.com/v1/users/name:with-colon" },
        { "search?q=a:b", "https://api.example.com/v1/search?q=a:b" },
        { "https://other.example.com/x", "https://other.example.com/x" },
        { "HTTPS://api.example.com/v1/me", "https://api.example.com/v1/me" },
        { "http://127.0.0.1:8080/local", "http://127.0.0.1:8080/local" },
    };

    private static (RemoteApp App, StubHandler Handler, List<TokenRequest> Lookups) Create(Action<RemoteAppOptions>? configure = null)
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var lookups = new List<TokenRequest>();
        var options = FakeProvider.Options(o =>
        {
            o.TokenGetter = (request, _) =>
            {
                lookups.Add(request);
                return ValueTask.FromResult<OAuthToken?>("access-1");
            };
            configure?.Invoke(o);
        });
        return (new RemoteApp(new HttpClient(handler), options), handler, lookups);
    }

    [Theory]
    [MemberData(nameof(BadRequestUrls))]
    public async Task A_request_url_that_is_neither_absolute_http_nor_a_relative_path_is_refused_before_anything_is_sent(string url)
    {
        var (app, handler, lookups) = Create();

        if (url.Length > 0) Assert.Throws<ArgumentException>("url", () => app.ResolveUrl(url));
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.GetAsync(url));
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.PostAsync(url, new Dictionary<string, string> { ["a"] = "b" }));
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.DeleteAsync(url));
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.HeadAsync(url));
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.RequestAsync(url, method: HttpMethod.Put));

        Assert.Empty(handler.Requests);
        Assert.Empty(lookups);
    }

    [Fact]
    public async Task The_empty_string_is_refused_from_callers_but_resolves_to_the_base_url_for_declared_endpoints()
    {
        var (app, handler, _) = Create();
        await Assert.ThrowsAsync<ArgumentException>("url", () => app.GetAsync(""));
        Assert.Empty(handler.Requests);

        // A generated [Get("")] endpoint calls ResolveUrl(""): BaseUrl itself.
        Assert.Equal("https://api.example.com/v1/", app.ResolveUrl("").AbsoluteUri);
        await app.GetAsync("/");
        Assert.Equal("https://api.example.com/v1/", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task The_message_names_the_problem_but_does_not_quote_the_url()
    {
        var (app, _, _) = Create();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("javascript:alert('access_token=secret-value')"));
        Assert.Contains("scheme 'javascript'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GoodRequestUrls))]
    public async Task Absolute_http_urls_and_relative_paths_are_sent(string url, string sent)
    {
        var (app, handler, _) = Create();

        var response = await app.GetAsync(url);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(sent, Assert.Single(handler.Requests).Uri.AbsoluteUri);
        Assert.Equal("Bearer access-1", handler.Requests[0].Authorization);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("myapp://callback")] // a private-use scheme must be a reverse domain name (RFC 8252 §7.1)
    [InlineData("/callback")]
    [InlineData("callback")]
    [InlineData(" ")]
    [InlineData("https://")]
    [InlineData("https://app.example.com/cb\r\nX-Injected: 1")]
    public async Task OAuth2_callbacks_that_a_provider_must_not_redirect_to_are_refused_before_anything_is_sent(string callback)
    {
        var (app, handler, _) = Create(o =>
        {
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = "https://auth.example.com/.well-known/oauth-authorization-server"; // discovery would be sent
        });
        await Assert.ThrowsAsync<ArgumentException>("callback", () => app.AuthorizeAsync(callback));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/callback")]
    [InlineData("OOB")]
    public async Task OAuth1_callbacks_that_a_provider_must_not_redirect_to_are_refused_before_the_request_token_call(string callback)
    {
        var (app, handler) = CreateOAuth1();
        await Assert.ThrowsAsync<ArgumentException>("callback", () => app.AuthorizeAsync(callback));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("https://app.example.com/cb?next=/x")]
    [InlineData("http://127.0.0.1:5000/cb")]
    [InlineData("http://localhost/cb")]
    [InlineData("com.example.app:/oauth2redirect")]
    [InlineData("com.example.app://oauth2redirect")]
    public async Task Http_callbacks_and_private_use_schemes_are_accepted(string callback)
    {
        var (app, _, _) = Create();
        var redirect = await app.AuthorizeAsync(callback);
        Assert.Equal(callback, redirect.Pending.RedirectUri);
        Assert.Equal(callback, FormData.Parse(redirect.Url.Query)["redirect_uri"]);

        var (oauth1, handler) = CreateOAuth1();
        Assert.Equal(callback, (await oauth1.AuthorizeAsync(callback)).Pending.RedirectUri);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Oob_stays_an_OAuth1_callback_only()
    {
        var (oauth1, _) = CreateOAuth1();
        Assert.Equal("oob", (await oauth1.AuthorizeAsync("oob")).Pending.RedirectUri);
        var (oauth2, _, _) = Create();
        await Assert.ThrowsAsync<ArgumentException>("callback", () => oauth2.AuthorizeAsync("oob"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData(" ")]
    public void Configured_endpoint_urls_follow_the_same_rule(string url)
    {
        var error = Assert.Throws<OAuthException>(() => Create(o => o.AccessTokenUrl = url));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("AccessTokenUrl", error.Message, StringComparison.Ordinal);
    }

    private static (RemoteApp App, StubHandler Handler) CreateOAuth1()
    {
        var handler = new StubHandler(_ => StubHandler.Respond(
            "oauth_token=req-token&oauth_token_secret=req-secret&oauth_callback_confirmed=true", "application/x-www-form-urlencoded"));
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "oauth1-urls",
            RequestTokenUrl = "https://provider.example.com/oauth/request_token",
            AccessTokenUrl = "https://provider.example.com/oauth/access_token",
            AuthorizeUrl = "https://provider.example.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = "consumer-secret-value",
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        });
        return (app, handler);
    }
}
