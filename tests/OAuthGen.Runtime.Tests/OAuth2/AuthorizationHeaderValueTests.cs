using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests;

/// <summary>
/// The bearer header is built once per token and scheme and added without a parse per call: these check that what goes
/// out is always the current token, that the kept value changes nothing a token is (equality, hash, text, JSON), and
/// that the header stays one well-formed value.
/// </summary>
public class AuthorizationHeaderValueTests
{
    private static (RemoteApp App, StubHandler Handler) Create(Func<OAuthToken?> current, string tokenType = "Bearer")
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "api", BaseUrl = "https://api.example.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            TokenType = tokenType,
            TokenGetter = (_, _) => ValueTask.FromResult(current()),
        });
        return (app, handler);
    }

    [Fact]
    public async Task Each_call_sends_the_token_the_getter_returns_now()
    {
        var token = new OAuthToken("first-token");
        var (app, handler) = Create(() => token);

        await app.GetAsync("me");
        await app.GetAsync("me");
        token = token with { AccessToken = "second-token" }; // a copy of a token that was already sent
        await app.GetAsync("me");
        token = new OAuthToken("third-token");
        await app.GetAsync("me");

        Assert.Equal(["Bearer first-token", "Bearer first-token", "Bearer second-token", "Bearer third-token"],
            handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task One_token_sent_by_apps_with_different_schemes_carries_each_apps_scheme()
    {
        var token = new OAuthToken("shared-token");
        var (bearer, bearerHandler) = Create(() => token);
        var (weibo, weiboHandler) = Create(() => token, tokenType: "OAuth2");

        await bearer.GetAsync("me");
        await weibo.GetAsync("me");
        await bearer.GetAsync("me");

        Assert.Equal(["Bearer shared-token", "Bearer shared-token"], bearerHandler.Requests.Select(r => r.Authorization));
        Assert.Equal("OAuth2 shared-token", Assert.Single(weiboHandler.Requests).Authorization);
    }

    [Fact]
    public async Task The_header_is_one_value_that_parses_as_scheme_and_token_and_replaces_one_the_caller_set()
    {
        var (app, handler) = Create(() => new OAuthToken("t0ken"));

        await app.GetAsync("me", headers: new Dictionary<string, string> { ["Authorization"] = "Basic c2VjcmV0" });

        var sent = Assert.Single(handler.Requests).Message;
        Assert.Equal(["Bearer t0ken"], sent.Headers.GetValues("Authorization"));
        Assert.Equal("Bearer", sent.Headers.Authorization!.Scheme);
        Assert.Equal("t0ken", sent.Headers.Authorization.Parameter);
    }

    [Theory]
    [InlineData("mF_9.B5f-4.1JqM/+==")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln~")]
    [InlineData("abc def")]
    [InlineData("a,b")]
    [InlineData("\"quoted\"")]
    [InlineData("a=b")]
    [InlineData(" leading-and-trailing ")]
    [InlineData("~!@#$%^&*()[]{}<>;:'|\\?")]
    public async Task Any_printable_token_goes_out_and_reads_back_as_a_typed_header_value_would(string accessToken)
    {
        var (app, handler) = Create(() => new OAuthToken(accessToken));
        var typed = new HttpRequestMessage();
        typed.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        await app.GetAsync("me");
        await app.GetAsync("me");

        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(typed.Headers.NonValidated["Authorization"], r.Message.Headers.NonValidated["Authorization"]);
            Assert.Equal(typed.Headers.Authorization.ToString(), r.Authorization);
            Assert.Equal(typed.Headers.Authorization.Scheme, r.Message.Headers.Authorization!.Scheme);
            Assert.Equal(typed.Headers.Authorization.Parameter, r.Message.Headers.Authorization.Parameter);
        });
    }

    [Fact]
    public async Task A_sent_token_is_equal_to_an_unsent_one_and_shows_no_secret()
    {
        var sent = new OAuthToken("gho_secret_value") { RefreshToken = "refresh", ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(100) };
        var (app, _) = Create(() => sent);

        await app.GetAsync("me");

        var unsent = new OAuthToken("gho_secret_value") { RefreshToken = "refresh", ExpiresAt = sent.ExpiresAt };
        Assert.Equal(unsent, sent);
        Assert.Equal(unsent.GetHashCode(), sent.GetHashCode());
        Assert.Equal(unsent.ToString(), sent.ToString());
        Assert.DoesNotContain("gho_secret_value", sent.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", sent.ToString(), StringComparison.Ordinal);
        Assert.Equal(unsent.ToJson(), sent.ToJson());
        Assert.NotEqual(sent with { AccessToken = "other" }, sent);
    }

    [Fact]
    public async Task Concurrent_calls_sharing_and_copying_one_token_each_send_their_own_value()
    {
        var sent = new OAuthToken("sent");
        var shared = new OAuthToken("shared");
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        RemoteApp App(string tokenType, TokenGetter getter) => new(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "api-" + tokenType, BaseUrl = $"https://api.example.com/{tokenType}/", ConsumerKey = "id", ConsumerSecret = "secret",
            TokenType = tokenType, TokenGetter = getter,
        });
        // Copies of a token that was sent carry its kept value; the token name says which token each call must carry.
        var bearer = App("Bearer", (request, _) => ValueTask.FromResult<OAuthToken?>(sent with { AccessToken = "token-" + request.TokenName }));
        var oauth2 = App("OAuth2", (_, _) => ValueTask.FromResult<OAuthToken?>(shared));
        await bearer.GetAsync("items/sent", token: sent);

        // One token object sent under two schemes at once, and copies of a sent token with other access tokens.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => (i % 3) switch
        {
            0 => bearer.GetAsync("items/" + (i % 7), tokenName: (i % 7).ToString()),
            1 => bearer.GetAsync("items/shared", token: shared),
            _ => oauth2.GetAsync("items/shared"),
        })));

        Assert.Equal(301, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(
            r.Uri.Segments[1] == "OAuth2/" ? "OAuth2 shared"
            : r.Uri.Segments[^1] is "shared" or "sent" ? "Bearer " + r.Uri.Segments[^1]
            : "Bearer token-" + r.Uri.Segments[^1], r.Authorization));
    }

    [Fact]
    public async Task A_missing_token_fails_the_handlers_task_instead_of_throwing_from_SendAsync()
    {
        var inner = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(inner), new RemoteAppOptions
        {
            Name = "api", BaseUrl = "https://api.example.com/", ConsumerKey = "id", ConsumerSecret = "secret",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(null),
        });
        using var invoker = new HttpMessageInvoker(new RemoteAppAuthenticationHandler(app) { InnerHandler = inner });

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/me"), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<OAuthException>(() => sending);
        Assert.Equal(OAuthErrorType.TokenMissing, failure.Type);
        Assert.Empty(inner.Requests);
    }
}
