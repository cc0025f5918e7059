using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace OAuthGen.Runtime.Tests;

/// <summary>flask-oauthlib's request semantics: outgoing formats, parsing by media type, token lookup, the pre-request hook.</summary>
public class RequestFormatTests
{
    private static (RemoteApp App, StubHandler Handler) Create(string body = "{}", string? contentType = "application/json",
        Action<RemoteAppOptions>? configure = null)
    {
        var handler = new StubHandler(_ => StubHandler.Respond(body, contentType));
        var options = new RemoteAppOptions
        {
            Name = "api", BaseUrl = "https://api.example.com/v1/", ConsumerKey = "id", ConsumerSecret = "secret",
            AuthorizeUrl = "https://api.example.com/authorize", AccessTokenUrl = "https://api.example.com/token",
        };
        configure?.Invoke(options);
        return (new RemoteApp(new HttpClient(handler), options), handler);
    }

    // ---- outgoing -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Urlencoded_get_data_goes_to_the_query_after_the_existing_one()
    {
        var (app, handler) = Create();
        await app.GetAsync("search?page=2", new Dictionary<string, string> { ["q"] = "a b", ["tag"] = "x&y" }, token: "t");
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://api.example.com/v1/search?page=2&q=a%20b&tag=x%26y", request.Uri.AbsoluteUri);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Urlencoded_post_data_goes_to_the_body_with_repeats_kept()
    {
        var (app, handler) = Create();
        await app.PostAsync("items", new List<KeyValuePair<string, string>> { new("a", "1"), new("a", "2"), new("b", "x y") }, token: "t");
        var request = Assert.Single(handler.Requests);
        Assert.Equal("a=1&a=2&b=x%20y", request.BodyText);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("https://api.example.com/v1/items", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_post_without_data_sends_an_empty_form_body()
    {
        var (app, handler) = Create();
        var response = await app.PostAsync("ping", token: "t");
        Assert.True(response.IsSuccessStatusCode);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("", request.BodyText);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
    }

    [Fact]
    public async Task Json_data_is_serialized_into_the_body()
    {
        var (app, handler) = Create();
        await app.PutAsync("items/1", new Dictionary<string, string> { ["name"] = "x" }, format: BodyFormat.Json, token: "t");
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("{\"name\":\"x\"}", request.BodyText);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task An_explicit_content_type_sends_pre_encoded_text_or_bytes_as_they_are()
    {
        var (app, handler) = Create();
        await app.PatchAsync("doc", "<doc>a&amp;b</doc>", contentType: "application/xml", token: "t");
        await app.PostAsync("blob", new byte[] { 0, 1, 2, 255 }, contentType: "application/octet-stream", token: "t");
        Assert.Equal(HttpMethod.Patch, handler.Requests[0].Method);
        Assert.Equal("<doc>a&amp;b</doc>", handler.Requests[0].BodyText);
        Assert.Equal("application/xml", handler.Requests[0].ContentType);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, handler.Requests[1].Body);
        Assert.Equal("application/octet-stream", handler.Requests[1].ContentType);
    }

    [Fact]
    public async Task A_json_get_is_an_argument_error_and_sends_nothing()
    {
        var (app, handler) = Create();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("x", new Dictionary<string, string> { ["a"] = "1" }, format: BodyFormat.Json, token: "t"));
        Assert.Equal("format", error.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Delete_and_head_use_their_methods()
    {
        var (app, handler) = Create();
        await app.DeleteAsync("items/1", token: "t");
        await app.HeadAsync("items/1", new Dictionary<string, string> { ["v"] = "2" }, token: "t");
        Assert.Equal(HttpMethod.Delete, handler.Requests[0].Method);
        Assert.Equal(HttpMethod.Head, handler.Requests[1].Method);
        Assert.Equal("https://api.example.com/v1/items/1?v=2", handler.Requests[1].Uri.AbsoluteUri);
    }

    // ---- incoming -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/javascript")]
    public async Task Json_media_types_parse_to_JsonElement(string contentType)
    {
        var (app, _) = Create("{\"login\":\"jane\"}", contentType);
        var response = await app.GetAsync("user", token: "t");
        Assert.Equal("jane", Assert.IsType<JsonElement>(response.Data).GetProperty("login").GetString());
    }

    [Fact]
    public async Task Form_responses_parse_to_FormData_with_duplicates()
    {
        var (app, _) = Create("access_token=abc&scope=repo&scope=user&note=a+b", "application/x-www-form-urlencoded");
        var form = Assert.IsType<FormData>((await app.GetAsync("x", token: "t")).Data);
        Assert.Equal(["repo", "user"], form.GetValues("scope"));
        Assert.Equal("a b", form["note"]);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/xml")]
    public async Task Xml_parses_to_XElement(string contentType)
    {
        var (app, _) = Create("<user><name>jane</name></user>", contentType);
        var xml = Assert.IsType<XElement>((await app.GetAsync("x", token: "t")).Data);
        Assert.Equal("jane", xml.Element("name")!.Value);
    }

    [Fact]
    public async Task Xml_with_a_dtd_is_a_typed_error_and_entities_are_never_expanded()
    {
        const string billionLaughs = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>""";
        var (app, _) = Create(billionLaughs, "application/xml");
        var response = await app.GetAsync("x", token: "t"); // getting the response never throws
        var error = Assert.Throws<OAuthException>(() => response.Data);
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(billionLaughs, response.Text); // the raw body stays available
    }

    [Fact]
    public async Task Other_media_types_are_text()
    {
        var (app, _) = Create("<html>hi</html>", "text/html");
        Assert.Equal("<html>hi</html>", (await app.GetAsync("x", token: "t")).Data);
    }

    [Fact]
    public async Task Empty_bodies_are_empty_values_of_their_media_type()
    {
        Assert.Equal(JsonValueKind.Object, Assert.IsType<JsonElement>((await Create("", "application/json").App.GetAsync("x", token: "t")).Data).ValueKind);
        Assert.Empty(Assert.IsType<FormData>((await Create("", "application/x-www-form-urlencoded").App.GetAsync("x", token: "t")).Data));
        Assert.Equal("", (await Create("", "text/plain").App.GetAsync("x", token: "t")).Data);
        Assert.Equal("", (await Create("", null).App.GetAsync("x", token: "t")).Data);
    }

    [Fact]
    public async Task A_missing_content_type_is_sniffed()
    {
        Assert.IsType<JsonElement>((await Create("{\"a\":1}", null).App.GetAsync("x", token: "t")).Data);
        Assert.IsType<JsonElement>((await Create(" [1,2]", null).App.GetAsync("x", token: "t")).Data);
        Assert.Equal("1", Assert.IsType<FormData>((await Create("a=1&b=2", null).App.GetAsync("x", token: "t")).Data)["a"]);
        Assert.IsType<XElement>((await Create("<a/>", null).App.GetAsync("x", token: "t")).Data);
        Assert.Equal("hello world", (await Create("hello world", null).App.GetAsync("x", token: "t")).Data);
    }

    [Fact]
    public async Task Options_content_type_forces_the_parser_for_weibos_text_plain_json()
    {
        var (app, _) = Create("{\"uid\":\"123\"}", "text/plain; charset=utf-8", options => options.ContentType = "application/json");
        var response = await app.GetAsync("account/get_uid.json", token: "t");
        Assert.Equal("123", Assert.IsType<JsonElement>(response.Data).GetProperty("uid").GetString());
        Assert.Equal("application/json", response.ContentType);
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    private sealed class RecordingStore : ITokenStore
    {
        public List<TokenRequest> Asked { get; } = [];

        public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
        {
            Asked.Add(request);
            return ValueTask.FromResult<OAuthToken?>("store-" + (request.TokenName ?? "default"));
        }

        public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_token_getter_receives_the_token_name_the_call_asks_for()
    {
        var asked = new List<TokenRequest>();
        var (app, handler) = Create(configure: options => options.TokenGetter = (request, _) =>
        {
            asked.Add(request);
            return ValueTask.FromResult<OAuthToken?>("getter-" + (request.TokenName ?? "default"));
        });
        await app.GetAsync("x");
        await app.GetAsync("x", tokenName: "admin");
        Assert.Equal([new TokenRequest("api", null), new TokenRequest("api", "admin")], asked);
        Assert.Equal("Bearer getter-default", handler.Requests[0].Authorization);
        Assert.Equal("Bearer getter-admin", handler.Requests[1].Authorization);
    }

    [Fact]
    public async Task The_token_store_receives_the_token_name_and_wins_over_the_getter()
    {
        var store = new RecordingStore();
        var getterCalled = false;
        var (app, handler) = Create(configure: options =>
        {
            options.TokenStore = store;
            options.TokenGetter = (_, _) => { getterCalled = true; return ValueTask.FromResult<OAuthToken?>("getter"); };
        });
        await app.GetAsync("x", tokenName: "bot");
        Assert.Equal(new TokenRequest("api", "bot"), Assert.Single(store.Asked));
        Assert.False(getterCalled);
        Assert.Equal("Bearer store-bot", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task An_explicit_token_wins_and_the_getter_is_not_asked()
    {
        var getterCalled = false;
        var (app, handler) = Create(configure: options =>
            options.TokenGetter = (_, _) => { getterCalled = true; return ValueTask.FromResult<OAuthToken?>("getter"); });
        await app.GetAsync("x", token: "explicit");
        Assert.False(getterCalled);
        Assert.Equal("Bearer explicit", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task A_getter_that_finds_no_token_is_token_missing_naming_the_token()
    {
        var (app, handler) = Create(configure: options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(null));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("x", tokenName: "admin"));
        Assert.Equal(OAuthErrorType.TokenMissing, error.Type);
        Assert.Contains("'admin'", error.Message);
        Assert.Empty(handler.Requests);
    }

    // ---- pre-request hook -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Weibos_bearer_to_oauth2_rewrite_is_a_three_line_pre_request_hook()
    {
        var (app, handler) = Create("{\"uid\":\"1\"}", "text/plain", options =>
        {
            options.ContentType = "application/json";
            options.PreRequest = (request, _) =>
            {
                var bearer = request.Headers.Authorization!;
                request.Headers.Authorization = new AuthenticationHeaderValue("OAuth2", bearer.Parameter);
                return ValueTask.CompletedTask;
            };
        });
        var response = await app.GetAsync("account/get_uid.json", token: "weibo-token");
        Assert.Equal("OAuth2 weibo-token", handler.Requests[0].Authorization);
        Assert.IsType<JsonElement>(response.Data);
    }

    [Fact]
    public async Task The_pre_request_hook_may_change_the_uri_and_body()
    {
        var (app, handler) = Create(configure: options => options.PreRequest = (request, _) =>
        {
            request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri + "&access_token=in-query");
            request.Content = new StringContent("replaced");
            return ValueTask.CompletedTask;
        });
        await app.PostAsync("x?a=1", new Dictionary<string, string> { ["b"] = "2" }, token: "t");
        Assert.Equal("https://api.example.com/v1/x?a=1&access_token=in-query", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("replaced", handler.Requests[0].BodyText);
    }
}
