using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using OAuthGen.Runtime.Tests;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>Generated clients, compiled and run against an in-memory server: the exact request for each binding and return type.</summary>
public sealed class ExecutionTests(ClientsFixture fixture) : IClassFixture<ClientsFixture>
{
    private const string GitHub = "Samples.GitHub.IGitHub";
    private const string Weibo = "Samples.Weibo.IWeibo";
    private const string Large = "Samples.Large.Outer+Holder+ILarge";

    private GeneratedClientAssembly Clients => fixture.Clients;

    private readonly List<TokenRequest> _tokenRequests = [];

    private (IRemoteApp Client, StubHandler Server) Create(string interfaceName, Func<RecordedRequest, HttpResponseMessage> respond,
        Action<RemoteAppOptions>? configure = null)
    {
        var server = new StubHandler(respond);
        var options = Clients.CreateOptions(interfaceName);
        configure?.Invoke(options);
        options.TokenGetter = (request, _) =>
        {
            _tokenRequests.Add(request);
            return ValueTask.FromResult<OAuthToken?>(new OAuthToken("tok-" + (request.TokenName ?? "default")));
        };
        return (Clients.Create(interfaceName, new HttpClient(server), options), server);
    }

    private static Func<RecordedRequest, HttpResponseMessage> Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        _ => StubHandler.Respond(body, "application/json", status);

    [Fact]
    public async Task GetWithInterfaceHeadersAndBearerToken_ReadsPocoThroughJsonContext()
    {
        var (client, server) = Create(GitHub, Json("""{"Login":"octocat","Id":1,"Name":"The Octocat"}"""));

        var user = await GeneratedClientAssembly.CallAsync(client, GitHub, "GetUserAsync", default(System.Threading.CancellationToken));

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.github.com/user", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer tok-default", request.Authorization);
        Assert.Equal("application/vnd.github+json", request.Header("Accept"));
        Assert.Equal("2022-11-28", request.Header("X-GitHub-Api-Version"));
        Assert.Null(request.Body);
        Assert.Equal("octocat", GeneratedClientAssembly.Property(user!, "Login"));
        Assert.Equal(new TokenRequest("github", null), Assert.Single(_tokenRequests));
    }

    [Fact]
    public async Task RouteValuesAreEscapedAndNullQueryValuesSkipped()
    {
        var (client, server) = Create(GitHub, Json("""[{"Name":"a","full_name":"o/a"},{"Name":"b","full_name":"o/b"}]"""));

        var repos = await GeneratedClientAssembly.CallAsync(client, GitHub, "ListReposAsync", "octo cat/x", 50, null, default(System.Threading.CancellationToken));

        Assert.Equal("https://api.github.com/users/octo%20cat%2Fx/repos?per_page=50", Assert.Single(server.Requests).Uri.AbsoluteUri);
        Assert.Equal(2, ((IList)repos!).Count);
        Assert.Equal("o/b", GeneratedClientAssembly.Property(((IList)repos)[1]!, "FullName"));
    }

    [Fact]
    public async Task JsonBodyThroughJsonContext_TypedResponseOnSuccess()
    {
        var (client, server) = Create(GitHub, Json("""{"Number":42,"Title":"Bug"}""", HttpStatusCode.Created));
        var issue = Clients.New("Samples.GitHub.NewIssue", "Bug", "It broke");

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, GitHub, "CreateIssueAsync", "o", "r", issue, default(System.Threading.CancellationToken)))!;

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.github.com/repos/o/r/issues", request.Uri.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("""{"Title":"Bug","Body":"It broke"}""", request.BodyText);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(42L, GeneratedClientAssembly.Property(GeneratedClientAssembly.Property(response, "Value")!, "Number"));
    }

    [Fact]
    public async Task TypedResponseOnErrorStatus_DoesNotThrowAndHasNoValue()
    {
        var (client, _) = Create(GitHub, Json("""{"message":"Validation Failed"}""", HttpStatusCode.UnprocessableEntity));
        var issue = Clients.New("Samples.GitHub.NewIssue", "Bug", null);

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, GitHub, "CreateIssueAsync", "o", "r", issue, default(System.Threading.CancellationToken)))!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Null(GeneratedClientAssembly.Property(response, "Value"));
        Assert.Equal("Validation Failed", ((JsonElement)response.Data!).GetProperty("message").GetString());
    }

    [Fact]
    public async Task ValueTaskWithHeaderParameter_ThrowsHttpErrorCarryingTheResponse()
    {
        var (client, server) = Create(GitHub, Json("""{"message":"nope"}""", HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, GitHub, "DeleteRepoAsync", "o", "r", "cleanup"));

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("https://api.github.com/repos/o/r", request.Uri.AbsoluteUri);
        Assert.Equal("cleanup", request.Header("X-Reason"));
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Forbidden, error.Response!.Status);
        Assert.DoesNotContain("tok-default", error.Message);
    }

    [Fact]
    public async Task PocoValueOnErrorStatus_ThrowsHttpErrorCarryingTheWholeResponse()
    {
        // Task<T> methods deserialize straight from the body on success; an error must still carry everything.
        var (client, _) = Create(GitHub, _ =>
        {
            var response = StubHandler.Respond("""{"message":"Bad credentials"}""", "application/json; charset=utf-8", HttpStatusCode.Unauthorized);
            response.Headers.Add("X-GitHub-Request-Id", "abc");
            return response;
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, GitHub, "GetUserAsync", default(System.Threading.CancellationToken)));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal("Bad credentials", ((JsonElement)error.Response.Data!).GetProperty("message").GetString());
        Assert.Equal("utf-8", error.Response.Charset);
        Assert.Equal(["abc"], error.Response.Headers["X-GitHub-Request-Id"]);
        Assert.DoesNotContain("tok-default", error.Message);
    }

    [Fact]
    public async Task PocoValueLargerThanTheFirstBufferArrivingInChunksIsReadWhole()
    {
        var repos = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"Name":"r{{i}}","full_name":"o/r{{i}}"}"""));
        var (client, _) = Create(GitHub, _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            // A stream of unknown length written in chunks: the pooled buffer has to grow, and nothing may be lost.
            Content = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes("[" + repos + "]")), bufferSize: 1000),
        });

        var result = (IList)(await GeneratedClientAssembly.CallAsync(client, GitHub, "ListReposAsync", "o", null, null, default(System.Threading.CancellationToken)))!;

        Assert.Equal(3000, result.Count);
        Assert.Equal("o/r2999", GeneratedClientAssembly.Property(result[2999]!, "FullName"));
    }

    [Theory]
    [InlineData("application/json", "utf-8")]
    [InlineData("application/json; charset=utf-16", "utf-16")]
    public async Task PocoValueWithAByteOrderMarkOrInADeclaredCharsetIsRead(string contentType, string encodingName)
    {
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        byte[] body = [.. encoding.GetPreamble(), .. encoding.GetBytes("""{"Login":"zoë","Id":7,"Name":null}""")];
        var (client, _) = Create(GitHub, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return response;
        });

        var user = await GeneratedClientAssembly.CallAsync(client, GitHub, "GetUserAsync", default(System.Threading.CancellationToken));

        Assert.Equal("zoë", GeneratedClientAssembly.Property(user!, "Login"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PocoValueOverMaxResponseContentLengthIsRefused_DeclaredOrNot(bool declared)
    {
        var body = System.Text.Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("""{"Name":"a","full_name":"o/a"}""", 200)) + "]");
        var (client, _) = Create(GitHub, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new NonSeekableStream(body)) };
            if (declared) response.Content.Headers.ContentLength = body.Length;
            return response;
        }, options => options.MaxResponseContentLength = 1024);

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, GitHub, "ListReposAsync", "o", null, null, default(System.Threading.CancellationToken)));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Contains("MaxResponseContentLength (1024 bytes)", error.Message);
    }

    [Theory]
    [InlineData("cleanup\r\nX-Injected: 1")]
    [InlineData("cleanup\nX-Injected: 1")]
    [InlineData("clean\0up")]
    public async Task HeaderParameterThatWouldInjectALineIsRefusedBeforeAnythingIsSent(string reason)
    {
        var (client, server) = Create(GitHub, _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => GeneratedClientAssembly.CallAsync(client, GitHub, "DeleteRepoAsync", "o", "r", reason));

        Assert.Contains("X-Reason", error.Message);
        Assert.DoesNotContain("X-Injected", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NullHeaderParameterAddsNoHeader_NoContentIsSuccess()
    {
        var (client, server) = Create(GitHub, _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var result = await GeneratedClientAssembly.CallAsync(client, GitHub, "DeleteRepoAsync", "o", "r", null);

        Assert.Null(result);
        Assert.Null(Assert.Single(server.Requests).Header("X-Reason"));
    }

    [Fact]
    public async Task HeadReturnsTheRawResponseWithoutThrowing()
    {
        var (client, server) = Create(GitHub, _ => { var r = new HttpResponseMessage(HttpStatusCode.TooManyRequests); r.Headers.Add("X-RateLimit-Remaining", "0"); return r; });

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, GitHub, "RateLimitAsync"))!;

        Assert.Equal(HttpMethod.Head, Assert.Single(server.Requests).Method);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal(["0"], response.Headers["X-RateLimit-Remaining"]);
    }

    [Fact]
    public async Task ForcedContentTypeParsesJsonServedAsTextPlain_WithOAuth2TokenWord()
    {
        var (client, server) = Create(Weibo, _ => StubHandler.Respond("""{"id":123,"screen_name":"weibo"}""", "text/plain"));

        var user = (JsonElement)(await GeneratedClientAssembly.CallAsync(client, Weibo, "ShowUserAsync", 123L))!;

        var request = Assert.Single(server.Requests);
        Assert.Equal("https://api.weibo.com/2/users/show.json?uid=123", request.Uri.AbsoluteUri);
        Assert.Equal("OAuth2 tok-default", request.Authorization);
        Assert.Equal("weibo", user.GetProperty("screen_name").GetString());
    }

    [Fact]
    public async Task FieldsBecomeAFormBody_NullFieldsSkipped_TypedResponseOfJsonElement()
    {
        var (client, server) = Create(Weibo, _ => StubHandler.Respond("""{"id":1}""", "text/html"));

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, Weibo, "ShareAsync", "hello world & more", null))!;

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("status=hello%20world%20%26%20more", request.BodyText);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(1, ((JsonElement)GeneratedClientAssembly.Property(response, "Value")!).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task StringReturnIsTheBodyText()
    {
        var (client, _) = Create(Weibo, _ => StubHandler.Respond("""{"uid":5}""", "application/json"));

        var text = await GeneratedClientAssembly.CallAsync(client, Weibo, "GetUidTextAsync");

        Assert.Equal("""{"uid":5}""", text);
    }

    [Fact]
    public async Task XElementReturnWithMethodHeaders()
    {
        var (client, server) = Create(Weibo, _ => StubHandler.Respond("<feed><entry>1</entry></feed>", "text/plain"));

        var feed = (XElement)(await GeneratedClientAssembly.CallAsync(client, Weibo, "FeedAsync", "a b"))!;

        var request = Assert.Single(server.Requests);
        Assert.Equal("https://api.weibo.com/2/feeds/a%20b.xml", request.Uri.AbsoluteUri);
        Assert.Equal("application/xml", request.Header("Accept"));
        Assert.Equal("1", feed.Element("entry")!.Value);
    }

    [Fact]
    public async Task XElementReturnRefusesADtdEvenWhenTheContentTypeIsNotXml()
    {
        // text/plain makes the reader parse the raw body itself: it must use the same DTD-prohibiting parser.
        const string bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><feed>&lol;</feed>""";
        var (client, _) = Create(Weibo, _ => StubHandler.Respond(bomb, "text/plain"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, Weibo, "FeedAsync", "x"));

        Assert.Equal(OAuthErrorType.DeserializationFailed, error.Type);
    }

    [Fact]
    public async Task ScalarRouteValuesOfOtherTypes()
    {
        var (client, server) = Create(Large, Json("""{"text":"t","stars":3}"""));
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var note = await GeneratedClientAssembly.CallAsync(client, Large, "GetNoteAsync", id, 7, default(System.Threading.CancellationToken));

        var request = Assert.Single(server.Requests);
        Assert.Equal("https://api.example.com/v1/items/0f8fad5b-d9cb-469f-a165-70867728950e/notes/7", request.Uri.AbsoluteUri);
        Assert.Equal("OAuthGen-Tests/1.0", request.Header("User-Agent"));
        // No JsonContext: the reflection reader with web defaults (camelCase, case-insensitive).
        Assert.Equal(3, GeneratedClientAssembly.Property(note!, "Stars"));
    }

    [Fact]
    public async Task QueryKeepsTheTemplateQuery_RepeatsSequences_FormatsEnumsAndDatesInvariantly()
    {
        var (client, server) = Create(Large, Json("""[{"text":"a"}]"""));
        var enumValue = Enum.Parse(Clients.Type("Samples.Large.Visibility"), "Private");
        var since = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, Large, "SearchAsync", "a b", new[] { "x", "y&z" }, enumValue, since, "c"))!;

        Assert.Equal("https://api.example.com/v1/search?fixed=1&q=a%20b&tags=x&tags=y%26z&visibility=Private&since=2024-01-02T03%3A04%3A05.0000000%2B00%3A00&class=c",
            Assert.Single(server.Requests).Uri.AbsoluteUri);
        Assert.Single((IList)GeneratedClientAssembly.Property(response, "Value")!);
    }

    [Fact]
    public async Task ExplicitTokenWins_JsonBodyWithoutContextUsesWebDefaults()
    {
        var (client, server) = Create(Large, Json("""{"text":"saved","stars":5}""", HttpStatusCode.Created));
        var note = Clients.New("Samples.Large.Note");
        note.GetType().GetProperty("Text")!.SetValue(note, "hi");
        note.GetType().GetProperty("Stars")!.SetValue(note, 5);

        var saved = await GeneratedClientAssembly.CallAsync(client, Large, "CreateAsync", note, "key-1", new OAuthToken("explicit"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer explicit", request.Authorization);
        Assert.Empty(_tokenRequests);
        Assert.Equal("key-1", request.Header("Idempotency-Key"));
        Assert.Equal("""{"text":"hi","stars":5}""", request.BodyText);
        Assert.Equal("saved", GeneratedClientAssembly.Property(saved!, "Text"));
    }

    [Fact]
    public async Task UrlEncodedBodyFromADictionary()
    {
        var (client, server) = Create(Large, _ => StubHandler.Respond("", null));

        await GeneratedClientAssembly.CallAsync(client, Large, "ReplaceAsync", 5L, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2 c" });

        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("https://api.example.com/v1/notes/5", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("a=1&b=2%20c", request.BodyText);
    }

    [Fact]
    public async Task TokenNameParameterAsksTheGetterForThatToken_JsonElementBodyPassesThrough()
    {
        var (client, server) = Create(Large, Json("""{"ok":true}"""));
        var patch = JsonDocument.Parse("""{"stars": 4}""").RootElement;

        var result = (JsonElement)(await GeneratedClientAssembly.CallAsync(client, Large, "PatchAsync", 5L, patch, "work"))!;

        var request = Assert.Single(server.Requests);
        Assert.Equal(new HttpMethod("PATCH"), request.Method);
        Assert.Equal("Bearer tok-work", request.Authorization);
        Assert.Equal(new TokenRequest("large", "work"), Assert.Single(_tokenRequests));
        Assert.Equal("""{"stars":4}""", request.BodyText);
        Assert.True(result.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task StringBodyIsSentAsIs_TaskThrowsOnServerError()
    {
        var (client, server) = Create(Large, _ => StubHandler.Respond("boom", "text/plain", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, Large, "UploadAsync", "[1,2,3]"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("[1,2,3]", request.BodyText);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("raw", request.Header("X-Upload"));
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal("boom", error.Response!.Text);
    }

    [Fact]
    public async Task RepeatedFieldsAndFormDataReturn()
    {
        var (client, server) = Create(Large, _ => StubHandler.Respond("a=1&b=two%20words", "text/plain"));

        var form = (FormData)(await GeneratedClientAssembly.CallAsync(client, Large, "FormAsync", "n", new[] { 1, 2 }, true))!;

        Assert.Equal("name=n&n=1&n=2&flag=true", Assert.Single(server.Requests).BodyText);
        Assert.Equal("two words", form["b"]);
    }

    [Fact]
    public async Task BytesReturn_SlashInRouteValueIsEscaped()
    {
        var (client, server) = Create(Large, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 255]) });

        var bytes = await GeneratedClientAssembly.CallAsync(client, Large, "BlobAsync", "a/b");

        Assert.Equal("https://api.example.com/v1/blob/a%2Fb", Assert.Single(server.Requests).Uri.AbsoluteUri);
        Assert.Equal(new byte[] { 1, 2, 255 }, bytes);
    }

    [Fact]
    public async Task NullRouteValueIsAnArgumentError()
    {
        var (client, server) = Create(Large, Json("{}"));

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => GeneratedClientAssembly.CallAsync(client, Large, "BlobAsync", [null]));

        Assert.Equal("name", error.ParamName);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ValueTaskOfTypedStringResponse_ErrorStatusHasNoValue()
    {
        var (client, server) = Create(Large, _ => StubHandler.Respond("gone", "text/plain", HttpStatusCode.NotFound));

        var response = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, Large, "DeleteAsync", 9L))!;

        Assert.Equal(HttpMethod.Delete, Assert.Single(server.Requests).Method);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Null(GeneratedClientAssembly.Property(response, "Value"));
    }

    [Fact]
    public async Task AbsolutePathIgnoresTheBaseUrl_EmptyPathIsTheBaseUrl()
    {
        var (client, server) = Create(Large, Json("""{"text":"root"}"""));

        await GeneratedClientAssembly.CallAsync(client, Large, "PingAsync");
        var root = (OAuthResponse)(await GeneratedClientAssembly.CallAsync(client, Large, "RootAsync"))!;

        Assert.Equal(["https://status.example.com/ping", "https://api.example.com/v1/"], server.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.Equal(HttpMethod.Head, server.Requests[0].Method);
        Assert.Equal("root", GeneratedClientAssembly.Property(GeneratedClientAssembly.Property(root, "Value")!, "Text"));
    }

    [Fact]
    public async Task InheritedEndpointIsImplemented()
    {
        var (client, server) = Create(Large, _ => StubHandler.Respond("ok", "text/plain"));

        var health = await GeneratedClientAssembly.CallAsync(client, "Samples.Large.IHealth", "HealthAsync", default(System.Threading.CancellationToken));

        Assert.Equal("ok", health);
        Assert.Equal("https://api.example.com/v1/health", Assert.Single(server.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task UnreadableBodyIsDeserializationFailedCarryingTheResponse()
    {
        var (client, _) = Create(Large, _ => StubHandler.Respond("<html>not json</html>", "text/html"));

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            GeneratedClientAssembly.CallAsync(client, Large, "GetNoteAsync", Guid.Empty, 1, default(System.Threading.CancellationToken)));

        Assert.Equal(OAuthErrorType.DeserializationFailed, error.Type);
        Assert.Equal("<html>not json</html>", error.Response!.Text);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void CreateOptionsCarriesTheAttributeValues()
    {
        var options = Clients.CreateOptions(Large);

        Assert.Equal("large", options.Name);
        Assert.Equal("https://api.example.com/v1/", options.BaseUrl);
        Assert.Equal("https://example.com/authorize", options.AuthorizeUrl);
        Assert.Equal("https://example.com/token", options.AccessTokenUrl);
        Assert.Equal(HttpMethod.Post, options.AccessTokenMethod);
        Assert.Equal("Large", options.AppKey);
        Assert.False(options.IsOAuth1);

        var weibo = Clients.CreateOptions(Weibo);
        Assert.Equal("OAuth2", weibo.TokenType);
        Assert.Equal("application/json", weibo.ContentType);

        var github = Clients.CreateOptions(GitHub);
        Assert.Equal("user:email repo", github.Scope);
        Assert.NotNull(github.JsonSerializerOptions?.TypeInfoResolver);
    }

    [Fact]
    public async Task GenericCodeCreatesClientsThroughTheFactoryInterface()
    {
        var factory = Clients.Type("Samples.GenericFactory");
        var options = (RemoteAppOptions)factory.GetMethod("LargeOptions")!.Invoke(null, null)!;
        var server = new StubHandler(_ => StubHandler.Respond("ok", "text/plain"));
        var client = (IRemoteApp)factory.GetMethod("MakeLarge")!.Invoke(null, [new HttpClient(server)])!;

        Assert.Equal("large", options.Name);
        Assert.Equal("large", client.Options.Name);
        // The untyped IRemoteApp surface works on a generated client too.
        var error = await Assert.ThrowsAsync<OAuthException>(() => client.GetAsync("health"));
        Assert.Equal(OAuthErrorType.TokenMissing, error.Type);
    }
}

/// <summary>A read-only stream without a length, as a chunked response body is.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : System.IO.MemoryStream(bytes, writable: false)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();
}
