using System;
using System.Collections.Generic;
using System.Net.Http;
using OAuthGen.GeneratedCode;

namespace OAuthGen.Runtime.Tests;

/// <summary>
/// Generated methods with query parameters resolve the path and append the pairs in one step
/// (<see cref="GeneratedRequest.ResolveUrl"/>). It must build exactly the URL that resolving and then appending builds.
/// </summary>
public class ResolveUrlWithQueryTests
{
    public static TheoryData<string, string> Urls => new()
    {
        { "https://api.example.com/v1/", "users/octocat" },
        { "https://api.example.com/v1", "/users/octocat" },
        { "https://api.example.com/v1/?api-version=2", "users" },
        { "https://api.example.com/v1/?api-version=2", "users?page=3" },
        { "https://api.example.com/v1/", "users?page=3" },
        { "https://api.example.com/v1/#top", "users#frag" },
        { "https://api.example.com/v1/", "" },
        { "https://api.example.com/v1/", "users?" },
        { "https://api.example.com/v1/", "https://other.example.com/x?y=1" },
        { "https://api.example.com/v1/", "https://other.example.com/x#frag" },
        { "https://api.example.com:8443/a%20b/", "caf%C3%A9/%7Euser" },
    };

    private static readonly KeyValuePair<string, string>[][] Queries =
    [
        [new("include_email", "true"), new("skip_status", "false")],
        [new("q", "a b+c&d=e/f?g#h"), new("ünï", "çødé ✓ 😀"), new("empty", "")],
        [new("long", new string('x', 300) + " " + new string('é', 200))], // past the stack buffer
        [new("tag", "1"), new("tag", "2"), new("tag", "3")],
    ];

    [Theory]
    [MemberData(nameof(Urls))]
    public void One_step_equals_resolving_then_appending(string baseUrl, string url)
    {
        using var http = new HttpClient();
        var app = App(http, baseUrl);
        foreach (var query in Queries)
        {
            var pairs = new List<KeyValuePair<string, string>>(query);
            // The two-step form: what generated code called before, and still a public helper.
            var expected = GeneratedRequest.AppendQuery(app.ResolveUrl(url), pairs);
            var actual = GeneratedRequest.ResolveUrl(app, url, pairs);
            Assert.Equal(expected.OriginalString, actual.OriginalString);
            Assert.Equal(expected.AbsoluteUri, actual.AbsoluteUri);
        }
    }

    [Fact]
    public void Without_pairs_it_is_ResolveUrl()
    {
        using var http = new HttpClient();
        var app = App(http, "https://api.example.com/v1/?v=2");
        Assert.Equal(app.ResolveUrl("users?page=3").OriginalString, GeneratedRequest.ResolveUrl(app, "users?page=3", []).OriginalString);
        Assert.Equal("https://api.example.com/v1/users?v=2&page=3", GeneratedRequest.ResolveUrl(app, "users?page=3", []).OriginalString);
    }

    [Fact]
    public void Pairs_are_escaped_as_rfc_3986_data()
    {
        using var http = new HttpClient();
        var app = App(http, "https://api.example.com/");
        var uri = GeneratedRequest.ResolveUrl(app, "search?x=1", [new("q", "a b+c&d"), new("ü", "~.-_")]);
        Assert.Equal("https://api.example.com/search?x=1&q=a%20b%2Bc%26d&%C3%BC=~.-_", uri.OriginalString);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" ")]
    [InlineData("file:///etc/passwd")]
    public void Bad_urls_are_refused_as_by_ResolveUrl(string url)
    {
        using var http = new HttpClient();
        var app = App(http, "https://api.example.com/");
        Assert.Throws<ArgumentException>("url", () => GeneratedRequest.ResolveUrl(app, url, [new("a", "b")]));
    }

    [Fact]
    public void A_relative_url_without_a_base_url_is_refused()
    {
        using var http = new HttpClient();
        var app = App(http, baseUrl: null);
        Assert.Throws<ArgumentException>("url", () => GeneratedRequest.ResolveUrl(app, "users", [new("a", "b")]));
    }

    private static RemoteApp App(HttpClient http, string? baseUrl) =>
        new(http, OAuth2.FakeProvider.Options(o => o.BaseUrl = baseUrl));
}
