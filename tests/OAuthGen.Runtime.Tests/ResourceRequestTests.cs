using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests;

public class ResourceRequestTests
{
    private static (RemoteApp App, StubHandler Handler) CreateOAuth2App(string baseUrl, string responseBody = "{}", string? responseType = "application/json")
    {
        var handler = new StubHandler(_ => StubHandler.Respond(responseBody, responseType));
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "github", BaseUrl = baseUrl, ConsumerKey = "id", ConsumerSecret = "secret",
            AuthorizeUrl = "https://github.com/login/oauth/authorize", AccessTokenUrl = "https://github.com/login/oauth/access_token",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t0ken"),
        });
        return (app, handler);
    }

    [Theory]
    [InlineData("https://api.example.com/v3", "user", "https://api.example.com/v3/user")]
    [InlineData("https://api.example.com/v3/", "user", "https://api.example.com/v3/user")]
    [InlineData("https://api.example.com/v3", "/user", "https://api.example.com/v3/user")]
    [InlineData("https://api.example.com/v3/", "/user?page=2", "https://api.example.com/v3/user?page=2")]
    [InlineData("https://api.example.com/v3?key=k", "user?page=2", "https://api.example.com/v3/user?key=k&page=2")]
    [InlineData("https://api.example.com/v3/", "https://other.example.com/x", "https://other.example.com/x")]
    [InlineData("https://api.twitter.com/1.1", "statuses/home_timeline.json", "https://api.twitter.com/1.1/statuses/home_timeline.json")]
    [InlineData("https://api.example.com/v3/", "/", "https://api.example.com/v3/")] // "" is refused: UrlRuleTests
    [InlineData("https://api.example.com/v3", "users/jane/repos?per_page=100#top", "https://api.example.com/v3/users/jane/repos?per_page=100")]
    public async Task Relative_paths_are_appended_to_the_base_url_without_losing_segments(string baseUrl, string path, string expected)
    {
        var (app, handler) = CreateOAuth2App(baseUrl);
        await app.GetAsync(path);
        Assert.Equal(expected, handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("Bearer t0ken", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Json_responses_parse_to_JsonElement_and_never_throw_on_status()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{\"message\":\"Bad credentials\"}", "application/json; charset=utf-8", System.Net.HttpStatusCode.Unauthorized));
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "github", BaseUrl = "https://api.github.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            AuthorizeUrl = "https://github.com/login/oauth/authorize", AccessTokenUrl = "https://github.com/login/oauth/access_token",
        });
        var response = await app.GetAsync("user", token: "abc");
        Assert.Equal(401, (int)response.Status);
        Assert.Equal("Bad credentials", ((JsonElement)response.Data!).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("application/json", true, "utf-8")]
    [InlineData(null, true, "utf-8")]
    [InlineData("application/json; charset=utf-16", false, "utf-16")]
    [InlineData("application/json; charset=iso-8859-1", false, "iso-8859-1")]
    public async Task Json_with_a_byte_order_mark_or_in_another_declared_charset_is_read(string? contentType, bool bom, string encodingName)
    {
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        var text = """{"name":"Zoë"}""";
        var body = bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);
        var handler = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            if (contentType is not null) response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return response;
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "api", BaseUrl = "https://api.example.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t0ken"),
        });

        var response = await app.GetAsync("me");

        Assert.Equal("Zoë", ((JsonElement)response.Data!).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_missing_token_is_a_typed_error()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "github", BaseUrl = "https://api.github.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            AuthorizeUrl = "https://github.com/login/oauth/authorize", AccessTokenUrl = "https://github.com/login/oauth/access_token",
        });
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("user"));
        Assert.Equal(OAuthErrorType.TokenMissing, error.Type);
        Assert.Empty(handler.Requests);
    }
}

public class ResponseHeaderTests
{
    [Fact]
    public async Task Response_and_content_headers_are_readable_after_the_call_and_by_the_typed_response()
    {
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Respond("{}", "application/json; charset=utf-8");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "41");
            response.Headers.TryAddWithoutValidation("Link", ["<a>; rel=next", "<b>; rel=last"]);
            return response;
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "github", BaseUrl = "https://api.github.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            AuthorizeUrl = "https://github.com/login/oauth/authorize", AccessTokenUrl = "https://github.com/login/oauth/access_token",
        });

        var response = await app.GetAsync("user", token: "t");
        var typed = new OAuthResponse<string>(response, "value");

        Assert.Equal(["41"], response.Headers["x-ratelimit-remaining"]);
        Assert.Equal(["<a>; rel=next", "<b>; rel=last"], response.Headers["Link"]);
        Assert.Equal(["application/json; charset=utf-8"], response.Headers["Content-Type"]);
        Assert.Equal(response.Headers, typed.Headers);
        Assert.Equal("value", typed.Value);
        Assert.Equal(System.Net.HttpStatusCode.OK, typed.Status);
    }
}
