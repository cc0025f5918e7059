using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.OAuth1;

public class OAuth1FlowTests
{
    private const string FormType = "application/x-www-form-urlencoded";

    /// <summary>RFC 5849 §1.2 end to end through RemoteApp: every header is the RFC's, byte for byte.</summary>
    [Fact]
    public async Task Rfc5849_photos_example_runs_end_to_end_with_the_exact_headers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(137131200));
        var nonces = new Queue<string>(["wIjqoS", "walatlh", "chapoH"]);
        var handler = new StubHandler(request => request.Uri.AbsolutePath switch
        {
            "/initiate" => StubHandler.Respond("oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true", FormType),
            "/token" => StubHandler.Respond("oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00&screen_name=jane&user_id=42", FormType),
            "/photos" => StubHandler.Respond("JPEG", "image/jpeg"),
            _ => StubHandler.Respond("", null, HttpStatusCode.NotFound),
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "photos",
            RequestTokenUrl = "https://photos.example.net/initiate",
            AccessTokenUrl = "https://photos.example.net/token",
            AuthorizeUrl = "https://photos.example.net/authorize",
            ConsumerKey = "dpf43f3p2l4k3l03",
            ConsumerSecret = "kd94hf93k423kf44",
            RequestTokenMethod = HttpMethod.Post,
            RequestTokenParams = { ["realm"] = "Photos" },
            AllowInsecureHttp = true, // the RFC fetches the photo over plain http
            TimeProvider = time,
            NonceGenerator = nonces.Dequeue,
        });

        var redirect = await app.AuthorizeAsync("http://printer.example.com/ready");

        var initiate = handler.Requests[0];
        Assert.Equal(HttpMethod.Post, initiate.Method);
        Assert.Equal("https://photos.example.net/initiate", initiate.Uri.AbsoluteUri);
        Assert.Equal(
            "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131200\", " +
            "oauth_nonce=\"wIjqoS\", oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\", oauth_signature=\"74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D\"",
            initiate.Authorization);
        Assert.Equal("https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola", redirect.Url.AbsoluteUri);
        Assert.Equal("photos", redirect.Pending.AppName);
        Assert.Equal("hh5s93j4hdidpola", redirect.Pending.RequestToken);
        Assert.Equal("hdhd0244k9j7ao03", redirect.Pending.RequestTokenSecret);
        Assert.Equal("http://printer.example.com/ready", redirect.Pending.RedirectUri);
        Assert.Equal(time.GetUtcNow(), redirect.Pending.CreatedAt);

        // The pending authorization survives a round trip through storage.
        var pending = PendingAuthorization.FromJson(redirect.Pending.ToJson());
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await app.AuthorizedResponseAsync(
            new Uri("http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884"), pending);

        var token = handler.Requests[1];
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal(
            "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"hh5s93j4hdidpola\", oauth_signature_method=\"HMAC-SHA1\", " +
            "oauth_timestamp=\"137131201\", oauth_nonce=\"walatlh\", oauth_verifier=\"hfdp7dh39dks9884\", oauth_signature=\"gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D\"",
            token.Authorization);
        Assert.False(result.IsDenied);
        Assert.Equal("nnch734d00sl2jdk", result.Token!.AccessToken);
        Assert.Equal("pfkkdhi9sl3r4s00", result.Token.Secret);
        Assert.Equal(new Dictionary<string, string> { ["screen_name"] = "jane", ["user_id"] = "42" }, result.Token.Extra);

        time.Advance(TimeSpan.FromSeconds(1));
        var photo = await app.GetAsync("http://photos.example.net/photos",
            new Dictionary<string, string> { ["file"] = "vacation.jpg", ["size"] = "original" }, token: result.Token);

        var resource = handler.Requests[2];
        Assert.Equal("http://photos.example.net/photos?file=vacation.jpg&size=original", resource.Uri.AbsoluteUri);
        Assert.Equal(
            "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\", " +
            "oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"",
            resource.Authorization);
        Assert.Equal("JPEG", photo.Data);
    }

    private static (RemoteApp App, StubHandler Handler) CreateTwitter(Func<RecordedRequest, HttpResponseMessage> respond,
        Action<RemoteAppOptions>? configure = null)
    {
        var handler = new StubHandler(respond);
        var options = new RemoteAppOptions
        {
            Name = "twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = "consumer-secret-value",
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        };
        configure?.Invoke(options);
        return (new RemoteApp(new HttpClient(handler), options), handler);
    }

    /// <summary>A provider that serves the request token, then the access token, as Twitter does (text/html labels).</summary>
    private static HttpResponseMessage TwitterProvider(RecordedRequest request) => request.Uri.AbsolutePath switch
    {
        "/oauth/request_token" => StubHandler.Respond("oauth_token=req-token&oauth_token_secret=req-secret-value&oauth_callback_confirmed=true", "text/html; charset=utf-8"),
        "/oauth/access_token" => StubHandler.Respond("oauth_token=acc-token&oauth_token_secret=acc-secret-value&user_id=6253282&screen_name=twitterapi", "text/html; charset=utf-8"),
        _ => StubHandler.Respond("{}"),
    };

    private static PendingAuthorization Pending(RemoteApp app) => new()
    {
        AppName = app.Options.Name,
        RedirectUri = "https://client.example.com/callback",
        CreatedAt = app.Options.TimeProvider.GetUtcNow(),
        RequestToken = "req-token",
        RequestTokenSecret = "req-secret-value",
    };

    [Fact]
    public async Task Request_token_call_uses_the_configured_method_params_and_realm_and_the_authorize_url_keeps_its_query()
    {
        var (app, handler) = CreateTwitter(TwitterProvider, options =>
        {
            options.AuthorizeUrl = "https://api.twitter.com/oauth/authenticate?force_login=true";
            options.RequestTokenParams = new Dictionary<string, string> { ["x_auth_access_type"] = "read", ["realm"] = "Twitter API", ["lang"] = "en" };
            options.RequestTokenMethod = HttpMethod.Get; // flask-oauthlib's request_token_method
        });

        var redirect = await app.AuthorizeAsync("https://client.example.com/callback?next=/home", parameters: [new("lang", "fr"), new("screen_name", "jane")]);

        var request = handler.Requests[0];
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.twitter.com/oauth/request_token?x_auth_access_type=read&lang=en", request.Uri.AbsoluteUri);
        var header = ProviderCheck.ParseHeader(request.Authorization!);
        Assert.Equal("Twitter API", header["realm"]);
        Assert.Equal("https://client.example.com/callback?next=/home", header["oauth_callback"]);
        Assert.False(header.ContainsKey("oauth_token"));
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret-value", null));
        // Configured parameters, per-call ones winning, on an authorize URL that already had a query.
        Assert.Equal("https://api.twitter.com/oauth/authenticate?force_login=true&oauth_token=req-token&x_auth_access_type=read&lang=fr&screen_name=jane",
            redirect.Url.AbsoluteUri);
        Assert.Equal("req-secret-value", redirect.Pending.RequestTokenSecret);
    }

    [Fact]
    public async Task Request_token_call_is_a_signed_post_with_its_params_in_the_body_by_default()
    {
        var (app, handler) = CreateTwitter(TwitterProvider, options =>
            options.RequestTokenParams = new Dictionary<string, string> { ["x_auth_access_type"] = "read", ["realm"] = "Twitter API" });

        Assert.Equal(HttpMethod.Post, app.Options.RequestTokenMethod);
        await app.AuthorizeAsync("https://client.example.com/callback");

        var request = handler.Requests[0];
        Assert.Equal(HttpMethod.Post, request.Method); // RFC 5849 §2.1, as Authlib
        Assert.Equal("https://api.twitter.com/oauth/request_token", request.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("x_auth_access_type=read", request.BodyText);
        Assert.Equal("https://client.example.com/callback", ProviderCheck.ParseHeader(request.Authorization!)["oauth_callback"]);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret-value", null));
    }

    [Theory]
    [InlineData("POST", "GET")]
    [InlineData("GET", "POST")]
    public async Task A_405_from_the_request_token_endpoint_names_the_option_to_change(string configured, string other)
    {
        var (app, _) = CreateTwitter(_ =>
        {
            var refused = StubHandler.Respond("", null, HttpStatusCode.MethodNotAllowed);
            refused.Content.Headers.Allow.Add(other);
            return refused;
        }, options =>
        {
            options.RequestTokenMethod = new HttpMethod(configured);
            options.AppKey = "Twitter";
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://client.example.com/callback"));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, error.StatusCode);
        Assert.Contains($"refused {configured} with HTTP 405 Method Not Allowed (it allows {other})", error.Message);
        Assert.Contains($"set RequestTokenMethod to {other}", error.Message);
        Assert.Contains($"[RemoteApp(RequestTokenMethod = \"{other}\")]", error.Message);
        Assert.Contains("Twitter:RequestTokenMethod in configuration", error.Message);
    }

    [Fact]
    public async Task Relative_token_and_authorize_urls_resolve_under_the_base_url()
    {
        var (app, handler) = CreateTwitter(request => request.Uri.AbsolutePath switch
        {
            "/api/oauth/request_token" => StubHandler.Respond("oauth_token=req-token&oauth_token_secret=s&oauth_callback_confirmed=true", FormType),
            "/api/oauth/access_token" => StubHandler.Respond("oauth_token=acc&oauth_token_secret=s2", FormType),
            _ => StubHandler.Respond("", null, HttpStatusCode.NotFound),
        }, options =>
        {
            options.BaseUrl = "https://provider.example.com/api";
            options.RequestTokenUrl = "/oauth/request_token";
            options.AccessTokenUrl = "oauth/access_token";
            options.AuthorizeUrl = "/oauth/authorize";
        });

        var redirect = await app.AuthorizeAsync("https://client.example.com/callback");
        var result = await app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], redirect.Pending);

        Assert.Equal("https://provider.example.com/api/oauth/request_token", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://provider.example.com/api/oauth/authorize?oauth_token=req-token", redirect.Url.AbsoluteUri);
        Assert.Equal("https://provider.example.com/api/oauth/access_token", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("acc", result.Token!.AccessToken);
    }

    [Fact]
    public async Task Access_token_exchange_uses_the_access_token_method_and_headers_and_keeps_provider_extras()
    {
        var (app, handler) = CreateTwitter(TwitterProvider, options =>
        {
            options.AccessTokenMethod = HttpMethod.Get;
            options.AccessTokenHeaders = new Dictionary<string, string> { ["X-Client"] = "oauthgen-tests" };
        });

        var result = await app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "the-verifier")], Pending(app));

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("oauthgen-tests", request.Header("X-Client"));
        var header = ProviderCheck.ParseHeader(request.Authorization!);
        Assert.Equal("req-token", header["oauth_token"]);
        Assert.Equal("the-verifier", header["oauth_verifier"]);
        Assert.True(ProviderCheck.HasValidHmacSha1Signature(request, "consumer-secret-value", "req-secret-value"));
        Assert.Equal("acc-token", result.Token!.AccessToken);
        Assert.Equal("acc-secret-value", result.Token.Secret);
        Assert.Equal("twitterapi", result.Token.Extra["screen_name"]);
        Assert.Equal("6253282", result.Token.Extra["user_id"]);
        Assert.False(result.Token.Extra.ContainsKey("oauth_token_secret"));
    }

    [Theory]
    [InlineData("denied=req-token", "denied")]
    [InlineData("oauth_token=req-token", "denied")]
    [InlineData("error=access_denied&error_description=User+said+no", "access_denied")]
    public async Task A_denial_is_a_denied_result_and_no_token_call_is_made(string callbackQuery, string expectedError)
    {
        var (app, handler) = CreateTwitter(TwitterProvider);
        var result = await app.AuthorizedResponseAsync(new Uri("https://client.example.com/callback?" + callbackQuery), Pending(app));
        Assert.True(result.IsDenied);
        Assert.Null(result.Token);
        Assert.Equal(expectedError, result.Error);
        if (expectedError == "access_denied") Assert.Equal("User said no", result.ErrorDescription);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_callback_for_another_request_token_is_a_state_mismatch()
    {
        var (app, handler) = CreateTwitter(TwitterProvider);
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "someone-elses-token"), new("oauth_verifier", "v")], Pending(app)));
        Assert.Equal(OAuthErrorType.StateMismatch, error.Type);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_pending_authorization_without_a_request_token_is_rejected()
    {
        var (app, _) = CreateTwitter(TwitterProvider);
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], Pending(app) with { RequestToken = null }));
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, error.Type);
    }

    [Theory]
    [InlineData("oauth_token=t&oauth_token_secret=s", true, false)]          // missing, required (the default)
    [InlineData("oauth_token=t&oauth_token_secret=s", false, true)]          // missing, tolerated by the option
    [InlineData("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=True", true, true)] // Authlib's spelling
    [InlineData("oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=false", false, false)] // an explicit "false" always fails
    public async Task Callback_confirmation_is_checked(string body, bool requireConfirmed, bool succeeds)
    {
        var (app, _) = CreateTwitter(_ => StubHandler.Respond(body, FormType), options => options.RequireCallbackConfirmed = requireConfirmed);
        if (succeeds)
        {
            Assert.Equal("t", (await app.AuthorizeAsync("https://client.example.com/callback")).Pending.RequestToken);
        }
        else
        {
            var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://client.example.com/callback"));
            Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
            Assert.Contains("oauth_callback_confirmed", error.Message);
        }
    }

    [Fact]
    public async Task A_provider_error_on_the_request_token_is_invalid_response_with_the_parsed_body()
    {
        var (app, _) = CreateTwitter(_ => StubHandler.Respond("oauth_problem=signature_invalid&oauth_problem_advice=check+the+clock", FormType, HttpStatusCode.Unauthorized));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://client.example.com/callback"));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal("signature_invalid", error.Error);
        Assert.Equal("check the clock", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal("signature_invalid", Assert.IsType<FormData>(error.Response.Data)["oauth_problem"]);
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task An_OAuth2_style_error_on_the_request_token_fills_error_and_description()
    {
        // Authlib's provider answers form-encoded error/error_description instead of oauth_problem.
        var (app, _) = CreateTwitter(_ => StubHandler.Respond("error=invalid_signature&error_description=bad+signature", FormType, HttpStatusCode.Unauthorized));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://client.example.com/callback"));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal("invalid_signature", error.Error);
        Assert.Equal("bad signature", error.ErrorDescription);
        Assert.Contains("error=invalid_signature", error.Message);
    }

    [Theory]
    [InlineData("{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}", "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("<html><body>Bad gateway</body></html>", "text/html", HttpStatusCode.BadGateway)]
    [InlineData("oauth_token_secret=only-a-secret", FormType, HttpStatusCode.OK)]
    [InlineData("", FormType, HttpStatusCode.OK)]
    [InlineData("oauth_problem=token_rejected", FormType, HttpStatusCode.OK)]
    public async Task Access_token_errors_and_responses_without_a_token_are_invalid_response(string body, string contentType, HttpStatusCode status)
    {
        var (app, handler) = CreateTwitter(_ => StubHandler.Respond(body, contentType, status));
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], Pending(app)));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(status, error.Response!.Status);
        Assert.Equal(body, error.Response.Text);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_json_credentials_response_is_read_too()
    {
        var (app, _) = CreateTwitter(_ => StubHandler.Respond("{\"oauth_token\":\"t\",\"oauth_token_secret\":\"s\",\"user_id\":42}", "application/json"));
        var result = await app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], Pending(app));
        Assert.Equal("t", result.Token!.AccessToken);
        Assert.Equal("42", result.Token.Extra["user_id"]);
    }

    [Fact]
    public async Task Relative_callbacks_are_refused_before_anything_is_sent()
    {
        var (app, handler) = CreateTwitter(TwitterProvider);
        await Assert.ThrowsAsync<ArgumentException>(() => app.AuthorizeAsync("/callback"));
        Assert.Empty(handler.Requests);
        // "oob" (out of band, RFC 5849 §2.1) is allowed.
        var redirect = await app.AuthorizeAsync("oob");
        Assert.Equal("oob", ProviderCheck.ParseHeader(handler.Requests[0].Authorization!)["oauth_callback"]);
        Assert.Equal("oob", redirect.Pending.RedirectUri);
    }

    [Fact]
    public async Task An_expired_pending_authorization_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958));
        var (app, handler) = CreateTwitter(TwitterProvider, options => options.TimeProvider = time);
        var pending = Pending(app);
        time.Advance(TimeSpan.FromMinutes(11));
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], pending));
        Assert.Equal(OAuthErrorType.PendingAuthorizationExpired, error.Type);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_relative_callback_url_is_read_by_its_query()
    {
        var (app, handler) = CreateTwitter(TwitterProvider);
        var granted = await app.AuthorizedResponseAsync(new Uri("/callback?oauth_token=req-token&oauth_verifier=v", UriKind.Relative), Pending(app));
        Assert.Equal("acc-token", granted.Token!.AccessToken);
        ((FakeTimeProvider)app.Options.TimeProvider).Advance(TimeSpan.FromSeconds(1)); // a second flow: the first one is spent
        var denied = await app.AuthorizedResponseAsync(new Uri("/callback", UriKind.Relative), Pending(app));
        Assert.True(denied.IsDenied);
        Assert.Single(handler.Requests);
    }
}
