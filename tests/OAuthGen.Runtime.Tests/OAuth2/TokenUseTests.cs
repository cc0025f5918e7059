using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class TokenUseTests
{
    private static (FakeProvider Provider, RemoteApp App) Create(Action<RemoteAppOptions>? configure = null)
    {
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "me", _ => StubHandler.Respond("{}"));
        return (provider, provider.App(configure));
    }

    [Theory]
    [InlineData("Bearer", "Bearer")]
    [InlineData("bearer", "Bearer")]
    [InlineData("OAuth2", "OAuth2")]
    public async Task The_header_uses_the_configured_word_normalising_lower_case_bearer(string configured, string sent)
    {
        var (provider, app) = Create(o => o.TokenType = configured);
        await app.GetAsync("me", token: new OAuthToken("at-1") { TokenType = "bearer" });
        Assert.Equal($"{sent} at-1", Assert.Single(provider.Requests).Authorization);
    }

    [Fact]
    public async Task Query_placement_appends_access_token()
    {
        var (provider, app) = Create(o => o.TokenPlacement = TokenPlacement.Query);
        await app.GetAsync("me?fields=id", token: "at/1+2");
        var request = Assert.Single(provider.Requests);
        Assert.Null(request.Authorization);
        Assert.Equal("https://api.example.com/v1/me?fields=id&access_token=at%2F1%2B2", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Body_placement_appends_to_a_form_body_and_keeps_its_content_type()
    {
        var (provider, app) = Create(o => o.TokenPlacement = TokenPlacement.Body);
        await app.PostAsync("me", new Dictionary<string, string> { ["status"] = "héllo wörld" }, token: "at/1");
        var request = Assert.Single(provider.Requests);
        Assert.Null(request.Authorization);
        Assert.Equal("status=h%C3%A9llo%20w%C3%B6rld&access_token=at%2F1", request.BodyText);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
    }

    [Fact]
    public async Task Body_placement_creates_a_form_for_an_empty_POST_and_uses_the_query_on_GET()
    {
        var (provider, app) = Create(o => o.TokenPlacement = TokenPlacement.Body);
        await app.DeleteAsync("me", token: "at-1");
        await app.GetAsync("me", token: "at-2");
        Assert.Equal("access_token=at-1", provider.Requests[0].BodyText);
        Assert.Equal("https://api.example.com/v1/me?access_token=at-2", provider.Requests[1].Uri.AbsoluteUri);
        Assert.Null(provider.Requests[1].Body);
    }

    [Fact]
    public async Task Body_placement_refuses_a_json_body()
    {
        var (provider, app) = Create(o => o.TokenPlacement = TokenPlacement.Body);
        await Assert.ThrowsAsync<ArgumentException>(() => app.PostAsync("me", new Dictionary<string, string> { ["a"] = "b" }, format: BodyFormat.Json, token: "at"));
        Assert.Empty(provider.Requests);
    }
}
