using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OAuth 1.0a against Authlib's provider: the whole dance (temporary credentials, the user's consent, token
/// credentials) and signed resource requests, for every signature method and placement Authlib verifies.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OAuth1FlowTests(AuthlibPeer peer)
{
    private const string Callback = "http://127.0.0.1:9/oauth1/callback";

    private RemoteApp CreateApp(SignatureMethod method, SignatureType placement, string? consumerSecret = PeerGrants.TrickySecret)
    {
        var rsa = method == SignatureMethod.RsaSha1;
        return new RemoteApp(new HttpClient(), new RemoteAppOptions
        {
            Name = "peer-oauth1",
            BaseUrl = peer.Url("/oauth1/"),
            // Body signatures need a body, so that request-token call is a POST; the others use flask-oauthlib's GET.
            RequestTokenUrl = placement == SignatureType.Body ? "request_token" : "request_token/get",
            RequestTokenMethod = placement == SignatureType.Body ? HttpMethod.Post : HttpMethod.Get,
            AccessTokenUrl = "access_token",
            AuthorizeUrl = "authorize",
            ConsumerKey = rsa ? "o1-rsa" : "o1-client",
            ConsumerSecret = rsa ? null : consumerSecret,
            RsaKey = rsa ? AuthlibPeer.ReadPeerFile("keys/oauth1-rsa-private.pem") : null,
            SignatureMethod = method,
            SignatureType = placement,
        });
    }

    private async Task<OAuthToken> AuthorizeAsync(IRemoteApp app, string user = "alice")
    {
        var redirect = await app.AuthorizeAsync(Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: true, user);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);
        Assert.False(result.IsDenied, result.Error);
        return result.Token!;
    }

    public static TheoryData<SignatureMethod, SignatureType> EveryMethodAndPlacement()
    {
        var data = new TheoryData<SignatureMethod, SignatureType>();
        foreach (var method in new[] { SignatureMethod.HmacSha1, SignatureMethod.RsaSha1, SignatureMethod.Plaintext })
        {
            foreach (var placement in new[] { SignatureType.Header, SignatureType.Query, SignatureType.Body }) data.Add(method, placement);
        }
        return data;
    }

    private static string WireName(SignatureMethod method) => method switch
    {
        SignatureMethod.HmacSha1 => "HMAC-SHA1",
        SignatureMethod.RsaSha1 => "RSA-SHA1",
        SignatureMethod.Plaintext => "PLAINTEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    [Theory]
    [MemberData(nameof(EveryMethodAndPlacement))]
    public async Task The_full_flow_then_signed_GET_and_POST_reach_the_peer_intact(SignatureMethod method, SignatureType placement)
    {
        var app = CreateApp(method, placement);

        var redirect = await app.AuthorizeAsync(Callback);
        Assert.Equal(peer.Url("/oauth1/authorize"), redirect.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(Callback, redirect.Pending.RedirectUri);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        Assert.Equal(Callback, callback.GetLeftPart(UriPartial.Path));
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.False(result.IsDenied, result.Error);
        var token = result.Token!;
        Assert.False(string.IsNullOrEmpty(token.Secret));
        Assert.Equal("alice", token.Extra["screen_name"]);
        Assert.Equal("1", token.Extra["user_id"]);

        if (placement == SignatureType.Body)
        {
            // RFC 5849 §3.5.2: body parameters need a form body, which a GET has not; refused before anything is sent.
            await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("api/echo", WireParameters.Tricky, token: token));
        }
        else
        {
            var get = await app.GetAsync("api/echo", WireParameters.Tricky, token: token);
            AssertEcho(get, "GET", method, placement);
        }

        var post = await app.PostAsync("api/echo", WireParameters.Tricky, token: token);
        var echo = AssertEcho(post, "POST", method, placement);
        Assert.Equal("application/x-www-form-urlencoded", echo.GetProperty("content_type").GetString()!.Split(';')[0]);
    }

    private static JsonElement AssertEcho(OAuthResponse response, string httpMethod, SignatureMethod method, SignatureType placement)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{httpMethod}: {(int)response.Status} {response.Text}");
        var echo = (JsonElement)response.Data!;
        Assert.Equal(httpMethod, echo.GetProperty("method").GetString());
        Assert.Equal(WireName(method), echo.GetProperty("signature_method").GetString());
        Assert.Equal(placement.ToString().ToLowerInvariant(), echo.GetProperty("signature_type").GetString());
        Assert.Equal(method == SignatureMethod.RsaSha1 ? "o1-rsa" : "o1-client", echo.GetProperty("client_id").GetString());
        Assert.Equal("alice", echo.GetProperty("user").GetString());
        Assert.Equal(WireParameters.Tricky, WireParameters.Pairs(echo.GetProperty("params")));
        return echo;
    }

    [Fact]
    public async Task The_seeds_tweet_is_posted_as_the_consenting_user()
    {
        var app = CreateApp(SignatureMethod.HmacSha1, SignatureType.Header);
        var token = await AuthorizeAsync(app, user: "bob");

        var response = await app.PostAsync("api/statuses/update.json", new Dictionary<string, string> { ["status"] = "The text we want to tweet" }, token: token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var tweet = (JsonElement)response.Data!;
        Assert.Equal(1, tweet.GetProperty("id").GetInt32());
        Assert.Equal("The text we want to tweet", tweet.GetProperty("text").GetString());
        Assert.Equal("bob", tweet.GetProperty("user").GetProperty("screen_name").GetString());
    }

    [Fact]
    public async Task A_denial_is_a_denied_result_and_the_request_token_buys_nothing()
    {
        var app = CreateApp(SignatureMethod.HmacSha1, SignatureType.Header);
        var redirect = await app.AuthorizeAsync(Callback);

        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: false);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.True(result.IsDenied);
        Assert.Null(result.Token);
        Assert.Equal("access_denied", result.Error);
    }

    [Theory]
    [InlineData(SignatureMethod.HmacSha1)]
    [InlineData(SignatureMethod.Plaintext)]
    public async Task A_tampered_consumer_secret_is_refused_by_the_peer_as_a_typed_error(SignatureMethod method)
    {
        var app = CreateApp(method, SignatureType.Header, consumerSecret: PeerGrants.TrickySecret + "x");

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync(Callback));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Data!.Status);
        Assert.Equal("invalid_signature", error.Error);
        Assert.DoesNotContain(PeerGrants.TrickySecret, error.ToString());
    }

    [Fact]
    public async Task A_tampered_request_token_secret_is_refused_at_the_access_token_call()
    {
        var app = CreateApp(SignatureMethod.HmacSha1, SignatureType.Header);
        var redirect = await app.AuthorizeAsync(Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var tampered = redirect.Pending with { RequestTokenSecret = redirect.Pending.RequestTokenSecret + "x" };

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callback, tampered));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Data!.Status);
        Assert.Equal("invalid_signature", error.Error);
    }

    [Fact]
    public async Task A_tampered_token_secret_gets_the_peers_401_on_resources()
    {
        var app = CreateApp(SignatureMethod.HmacSha1, SignatureType.Header);
        var token = await AuthorizeAsync(app);

        var response = await app.GetAsync("api/me", token: token with { Secret = token.Secret + "x" });
        var control = await app.GetAsync("api/me", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_signature", ((JsonElement)response.Data!).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, control.Status);
    }

    [Fact]
    public async Task A_callback_for_another_request_token_is_refused_client_side()
    {
        var app = CreateApp(SignatureMethod.HmacSha1, SignatureType.Header);
        var first = await app.AuthorizeAsync(Callback);
        var second = await app.AuthorizeAsync(Callback);
        var callbackOfSecond = await peer.ConsentAsync(second.Url.AbsoluteUri);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callbackOfSecond, first.Pending));

        Assert.Equal(OAuthErrorType.StateMismatch, error.Type);
        // The forged callback cost the second flow nothing: its own pending authorization still completes.
        var result = await app.AuthorizedResponseAsync(callbackOfSecond, second.Pending);
        Assert.False(result.IsDenied);
    }
}
