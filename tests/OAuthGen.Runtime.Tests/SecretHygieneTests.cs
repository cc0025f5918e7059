using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth1;

namespace OAuthGen.Runtime.Tests;

/// <summary>Consumer secrets, token secrets, tokens and signatures never reach messages, ToString or logs.</summary>
public class SecretHygieneTests
{
    private const string ConsumerSecret = "CONSUMER-SECRET-7f3a";
    private const string RequestTokenSecret = "REQUEST-SECRET-91bc";
    private const string AccessToken = "ACCESS-TOKEN-55de";
    private const string AccessTokenSecret = "ACCESS-SECRET-c0ff";

    private sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Lines.Add(state.ToString() ?? "");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Add(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values) Lines.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            if (exception is not null) Lines.Add(exception.ToString());
        }
    }

    private static HttpResponseMessage Provider(RecordedRequest request) => request.Uri.AbsolutePath switch
    {
        "/oauth/request_token" => StubHandler.Respond($"oauth_token=req-token&oauth_token_secret={RequestTokenSecret}&oauth_callback_confirmed=true", "application/x-www-form-urlencoded"),
        "/oauth/access_token" => StubHandler.Respond($"oauth_token={AccessToken}&oauth_token_secret={AccessTokenSecret}&screen_name=jane", "application/x-www-form-urlencoded"),
        // An error page that echoes what it got: a careless provider must not make us leak it into messages.
        "/oauth/broken" => StubHandler.Respond($"oauth_problem=signature_invalid&debug={ConsumerSecret}&got={request.Uri.Query.Replace("&", "%26")}", "application/x-www-form-urlencoded", HttpStatusCode.Unauthorized),
        _ => StubHandler.Respond("{\"ok\":true}"),
    };

    [Fact]
    public void A_parsed_token_response_shows_its_field_names_but_not_its_values()
    {
        var form = FormData.Parse("oauth_token=tok-123&oauth_token_secret=sec-456&screen_name=alice");
        Assert.Equal("FormData [oauth_token, oauth_token_secret, screen_name]", form.ToString());
        Assert.Equal("oauth_token=tok-123&oauth_token_secret=sec-456&screen_name=alice", form.Encode());
    }

    [Fact]
    public async Task A_whole_oauth1_flow_with_failures_leaks_no_secret_or_signature()
    {
        var logger = new CapturingLogger();
        var handler = new StubHandler(Provider);
        var options = new RemoteAppOptions
        {
            Name = "twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = ConsumerSecret,
            SignatureType = SignatureType.Query, // signatures in URLs are the easiest to leak into logs
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        };
        var app = new RemoteApp(new HttpClient(handler), options, logger);
        var texts = new List<string>();

        var redirect = await app.AuthorizeAsync("https://client.example.com/callback");
        var result = await app.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], redirect.Pending);
        var response = await app.GetAsync("statuses/home_timeline.json", new Dictionary<string, string> { ["count"] = "5" }, token: result.Token);
        texts.AddRange([redirect.ToString(), redirect.Pending.ToString(), result.ToString(), result.Token!.ToString(), response.ToString(),
            app.Options.ToString(), options.ToString()]);

        var mismatch = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "other"), new("oauth_verifier", "v")], redirect.Pending));
        var broken = new RemoteApp(new HttpClient(handler), CopyWith(options, o => o.AccessTokenUrl = "https://api.twitter.com/oauth/broken"), logger);
        ((FakeTimeProvider)options.TimeProvider).Advance(TimeSpan.FromSeconds(1)); // a second flow: the first one is spent
        var second = await broken.AuthorizeAsync("https://client.example.com/callback");
        var providerError = await Assert.ThrowsAsync<OAuthException>(() =>
            broken.AuthorizedResponseAsync([new("oauth_token", "req-token"), new("oauth_verifier", "v")], second.Pending));
        var missing = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("x"));
        foreach (var error in new[] { mismatch, providerError, missing })
        {
            texts.AddRange([error.Message, error.ToString(), error.Response?.ToString() ?? ""]);
        }
        Assert.Equal("signature_invalid", providerError.Error);
        texts.AddRange(logger.Lines);
        Assert.NotEmpty(logger.Lines);

        var signatures = handler.Requests.Select(r => FormData.Parse(r.Uri.Query)["oauth_signature"]).OfType<string>().ToList();
        Assert.Equal(5, signatures.Count); // two request tokens, two exchanges, one resource call
        var secrets = new List<string> { ConsumerSecret, RequestTokenSecret, AccessToken, AccessTokenSecret };
        secrets.AddRange(signatures);
        secrets.AddRange(signatures.Select(Uri.EscapeDataString));
        AssertNoneContain(texts, secrets);
    }

    [Fact]
    public void ToString_of_the_public_types_hides_every_secret()
    {
        var token = new OAuthToken("bearer-ACCESS-1") { Secret = "SECRET-2", RefreshToken = "REFRESH-3", Scope = "read", Extra = new Dictionary<string, string> { ["user_id"] = "42" } };
        var pending = new PendingAuthorization
        {
            AppName = "x", RedirectUri = "https://client/cb", CreatedAt = DateTimeOffset.UnixEpoch,
            State = "STATE-4", CodeVerifier = "VERIFIER-5", RequestToken = "req", RequestTokenSecret = "REQSECRET-6",
        };
        var options = new RemoteAppOptions { Name = "x", ConsumerKey = "key", ConsumerSecret = "CONSUMER-7", RsaKey = TestKeys.RsaPrivateKey };
        var response = new OAuthResponse(HttpStatusCode.OK, new Dictionary<string, IReadOnlyList<string>>(),
            "oauth_token=TOKEN-8&oauth_token_secret=SECRET-9"u8.ToArray(), "application/x-www-form-urlencoded");
        var exception = new OAuthException(OAuthErrorType.InvalidResponse, "failed", response);

        string[] texts = [token.ToString(), pending.ToString(), options.ToString(), response.ToString(), exception.ToString(),
            AuthorizationResult.Granted(token).ToString(), new AuthorizationRedirect(new Uri("https://p/authorize?oauth_token=req"), pending).ToString()];
        AssertNoneContain(texts, ["ACCESS-1", "SECRET-2", "REFRESH-3", "VERIFIER-5", "REQSECRET-6", "CONSUMER-7", "MIICXgIBAAKBgQDk1", "TOKEN-8", "SECRET-9"]);
        Assert.Contains("user_id", token.ToString()); // extras are named, so a token is still recognisable in logs
    }

    private static RemoteAppOptions CopyWith(RemoteAppOptions options, Action<RemoteAppOptions> change)
    {
        var copy = options.Clone();
        change(copy);
        return copy;
    }

    private static void AssertNoneContain(IEnumerable<string> texts, IEnumerable<string> secrets)
    {
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked into: {text}");
            }
        }
    }
}

public class TokenPersistenceTests
{
    [Fact]
    public void A_token_round_trips_through_json_with_its_absolute_expiry_and_extras()
    {
        var expiresAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var token = new OAuthToken("at") { Secret = "ts", TokenType = "Bearer", RefreshToken = "rt", ExpiresAt = expiresAt,
            Scope = "repo,user:email", Extra = new System.Collections.Generic.Dictionary<string, string> { ["screen_name"] = "alice" } };

        var read = OAuthToken.FromJson(token.ToJson());

        Assert.Equal("at", read.AccessToken);
        Assert.Equal("ts", read.Secret);
        Assert.Equal("rt", read.RefreshToken);
        Assert.Equal(expiresAt, read.ExpiresAt);
        Assert.Equal(["repo", "user:email"], read.Scopes);
        Assert.Equal("alice", read.Extra["screen_name"]);
        Assert.DoesNotContain("Scopes", token.ToJson());
    }

    [Fact]
    public void Garbage_is_a_typed_error_that_does_not_quote_the_text()
    {
        var error = Assert.Throws<OAuthException>(() => OAuthToken.FromJson("{\"accessToken\":42, \"secret\":\"s3cret\""));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.DoesNotContain("s3cret", error.Message);
    }
}
