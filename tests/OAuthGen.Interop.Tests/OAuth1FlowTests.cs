using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OAuth 1.0a through generated clients (Clients/OAuth1Clients.cs) against Authlib's provider: the whole dance
/// (temporary credentials, the user's consent, token credentials) and signed resource requests, for every signature
/// method and placement Authlib verifies.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OAuth1FlowTests(AuthlibPeer peer)
{
    private const string Callback = "http://127.0.0.1:9/oauth1/callback";
    private static readonly string[] RepeatedA = ["1", "2"];

    /// <summary>The generated client registered at the peer for <paramref name="method"/>, signing at <paramref name="placement"/>.</summary>
    private IOAuth1PeerApi CreateClient(SignatureMethod method, SignatureType? placement = null, string consumerSecret = PeerSecrets.Tricky)
    {
        void Configure(RemoteAppOptions options)
        {
            // Secrets and keys are configuration, not attribute values.
            if (method == SignatureMethod.RsaSha1) options.RsaKey = AuthlibPeer.ReadPeerFile("keys/oauth1-rsa-private.pem");
            else options.ConsumerSecret = consumerSecret;
            if (placement is { } type)
            {
                options.SignatureType = type;
                if (type == SignatureType.Body)
                {
                    // Body signatures need a body, so the request-token call must be a POST (the peer's POST endpoint):
                    // the RSA client's attribute asks for GET.
                    options.RequestTokenUrl = peer.Url("/oauth1/request_token");
                    options.RequestTokenMethod = HttpMethod.Post;
                }
            }
        }
        IOAuth1PeerApi client = method switch
        {
            SignatureMethod.HmacSha1 => PeerClients.Create<IPeerOAuth1Hmac>(peer, Configure),
            SignatureMethod.RsaSha1 => PeerClients.Create<IPeerOAuth1Rsa>(peer, Configure),
            SignatureMethod.Plaintext => PeerClients.Create<IPeerOAuth1Plaintext>(peer, Configure),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
        Assert.Equal(method, client.Options.SignatureMethod); // the attribute's, not the test's
        return client;
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
        var client = CreateClient(method, placement);
        var (status, text, chars) = (WireParameters.Tricky[0].Value, WireParameters.Tricky[1].Value, WireParameters.Tricky[4].Value);

        var redirect = await client.AuthorizeAsync(Callback);
        Assert.Equal(peer.Url("/oauth1/authorize"), redirect.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(Callback, redirect.Pending.RedirectUri);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        Assert.Equal(Callback, callback.GetLeftPart(UriPartial.Path));
        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.False(result.IsDenied, result.Error);
        var token = result.Token!;
        Assert.False(string.IsNullOrEmpty(token.Secret));
        Assert.Equal("alice", token.Extra["screen_name"]);
        Assert.Equal("1", token.Extra["user_id"]);

        if (placement == SignatureType.Body)
        {
            // RFC 5849 §3.5.2: body parameters need a form body, which a GET has not; refused before anything is sent.
            await Assert.ThrowsAsync<ArgumentException>(() => client.EchoQueryAsync(status, text, RepeatedA, chars, token));
        }
        else
        {
            var get = await client.EchoQueryAsync(status, text, RepeatedA, chars, token);
            AssertEcho(get, "GET", method, placement);
        }

        var post = await client.EchoFormAsync(status, text, RepeatedA, chars, token);
        var echo = AssertEcho(post, "POST", method, placement);
        Assert.StartsWith("application/x-www-form-urlencoded", echo.ContentType);
    }

    private static Echo AssertEcho(OAuthResponse<Echo> response, string httpMethod, SignatureMethod method, SignatureType placement)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"{httpMethod}: {(int)response.Status} {response.Text}");
        var echo = response.Value!;
        Assert.Equal(httpMethod, echo.Method);
        Assert.Equal(WireName(method), echo.SignatureMethod);
        Assert.Equal(placement.ToString().ToLowerInvariant(), echo.SignatureType);
        Assert.Equal(method == SignatureMethod.RsaSha1 ? "o1-rsa" : "o1-client", echo.ClientId);
        Assert.Equal("alice", echo.User);
        Assert.Equal(WireParameters.Tricky, echo.ParamPairs());
        return echo;
    }

    [Theory]
    [InlineData(SignatureType.Header)]
    [InlineData(SignatureType.Query)]
    public async Task PUT_DELETE_and_JSON_bodies_are_signed_so_the_peer_accepts_them(SignatureType placement)
    {
        var client = CreateClient(SignatureMethod.HmacSha1, placement);
        var token = await AuthorizeAsync(client);
        var status = WireParameters.Tricky[0].Value;

        var put = await client.EchoPutAsync(status, RepeatedA, token);
        var delete = await client.EchoDeleteAsync(status, RepeatedA, token);
        var json = await client.EchoJsonAsync(new Note { Text = "☃ 日本 '$!*()" }, token);

        KeyValuePair<string, string>[] expected = [new("status", status), new("a", "1"), new("a", "2")];
        Assert.True(put.IsSuccessStatusCode, put.Text);
        Assert.Equal("PUT", put.Value!.Method);
        Assert.Equal(expected, put.Value.ParamPairs());
        Assert.True(delete.IsSuccessStatusCode, delete.Text);
        Assert.Equal("DELETE", delete.Value!.Method);
        Assert.Equal(expected, delete.Value.ParamPairs());
        Assert.True(json.IsSuccessStatusCode, json.Text);
        Assert.Equal("☃ 日本 '$!*()", json.Value!.Json!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_JSON_body_with_oauth_body_hash_is_signed_and_accepted()
    {
        // Query signatures let the echo show the oauth_body_hash sent; Authlib signs over it like any oauth_* parameter.
        var client = PeerClients.Create<IPeerOAuth1Hmac>(peer, o =>
        {
            o.ConsumerSecret = PeerSecrets.Tricky;
            o.SignatureType = SignatureType.Query;
            o.IncludeBodyHash = true;
        });
        var token = await AuthorizeAsync(client);

        var json = await client.EchoJsonAsync(new Note { Text = "☃" }, token);

        Assert.True(json.IsSuccessStatusCode, json.Text);
        var echo = json.Value!;
        Assert.Equal("☃", echo.Json!.Value.GetProperty("text").GetString());
        var sent = echo.Query.Single(p => p[0] == "oauth_body_hash")[1];
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(echo.RawBody!))), sent);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/oauth1/callback?next=http%3A%2F%2Fclient.example%2Fhome%3Fa%3D1%26b%3D2")]
    [InlineData("oob")]
    public async Task Callbacks_with_escaped_queries_and_out_of_band_complete_the_flow(string callbackUrl)
    {
        // flask-oauthlib's pattern: the page to return to travels escaped in the callback's query.
        var client = CreateClient(SignatureMethod.HmacSha1);
        var redirect = await client.AuthorizeAsync(callbackUrl);

        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.False(result.IsDenied, result.Error);
        if (callbackUrl == "oob")
        {
            Assert.Equal("http://127.0.0.1/callback", callback.GetLeftPart(UriPartial.Path)); // the peer's out-of-band page
        }
        else
        {
            Assert.Equal("http://client.example/home?a=1&b=2", FormData.Parse(callback.Query)["next"]);
        }
        Assert.Equal("alice", (await client.MeAsync(result.Token)).ScreenName);
    }

    [Fact]
    public async Task The_pending_authorization_survives_a_cookie_round_trip_into_a_new_client()
    {
        var redirect = await CreateClient(SignatureMethod.RsaSha1).AuthorizeAsync(Callback);
        var stored = redirect.Pending.ToJson();
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);

        var fresh = CreateClient(SignatureMethod.RsaSha1);
        var result = await fresh.AuthorizedResponseAsync(callback, PendingAuthorization.FromJson(stored));

        Assert.False(result.IsDenied, result.Error);
        Assert.Equal("alice", (await fresh.MeAsync(result.Token)).ScreenName);
    }

    [Fact]
    public async Task A_realm_and_request_token_parameters_travel_as_flask_oauthlib_sends_them()
    {
        // The realm is a header attribute outside the signature (RFC 5849 §3.4.1.3.1); the parameters are signed with
        // the request-token call and repeated on the authorize URL.
        var client = PeerClients.Create<IPeerOAuth1Hmac>(peer, o =>
        {
            o.ConsumerSecret = PeerSecrets.Tricky;
            o.Realm = "https://client.example/ realm";
            o.RequestTokenParams["x_auth_access_type"] = "read write";
        });

        var redirect = await client.AuthorizeAsync(Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var token = (await client.AuthorizedResponseAsync(callback, redirect.Pending)).Token!;
        var me = await client.MeAsync(token);

        Assert.Equal("read write", FormData.Parse(redirect.Url.Query)["x_auth_access_type"]);
        Assert.Equal("alice", me.ScreenName);
    }

    [Fact]
    public async Task The_seeds_tweet_is_posted_as_the_consenting_user()
    {
        var client = CreateClient(SignatureMethod.HmacSha1);
        var token = await AuthorizeAsync(client, user: "bob");

        var tweet = await client.UpdateStatusAsync("The text we want to tweet", token);
        var me = await client.MeAsync(token);

        Assert.Equal(1, tweet.Id);
        Assert.Equal("The text we want to tweet", tweet.Text);
        Assert.Equal("bob", tweet.User!.ScreenName);
        Assert.Equal(2, me.Id);
        Assert.Equal("bob", me.ScreenName);
    }

    [Fact]
    public async Task A_denial_is_a_denied_result()
    {
        var client = CreateClient(SignatureMethod.HmacSha1);
        var redirect = await client.AuthorizeAsync(Callback);

        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: false);
        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.True(result.IsDenied);
        Assert.Null(result.Token);
        Assert.Equal("access_denied", result.Error);
    }

    [Theory]
    [InlineData(SignatureMethod.HmacSha1)]
    [InlineData(SignatureMethod.Plaintext)]
    public async Task A_tampered_consumer_secret_is_refused_by_the_peer_as_a_typed_error(SignatureMethod method)
    {
        var client = CreateClient(method, consumerSecret: PeerSecrets.Tricky + "x");

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizeAsync(Callback));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal("invalid_signature", error.Error);
        Assert.DoesNotContain(PeerSecrets.Tricky, error.ToString());
    }

    [Fact]
    public async Task An_RSA_key_other_than_the_registered_one_is_refused_by_the_peer_as_a_typed_error()
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var client = PeerClients.Create<IPeerOAuth1Rsa>(peer, o => o.RsaKey = otherKey.ExportRSAPrivateKeyPem());

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizeAsync(Callback));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal("invalid_signature", error.Error);
    }

    [Fact]
    public async Task A_tampered_request_token_secret_is_refused_at_the_access_token_call()
    {
        var client = CreateClient(SignatureMethod.HmacSha1);
        var redirect = await client.AuthorizeAsync(Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var tampered = redirect.Pending with { RequestTokenSecret = redirect.Pending.RequestTokenSecret + "x" };

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callback, tampered));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal("invalid_signature", error.Error);
    }

    [Fact]
    public async Task A_tampered_token_secret_is_refused_by_the_peer_as_an_http_error()
    {
        var client = CreateClient(SignatureMethod.HmacSha1);
        var token = await AuthorizeAsync(client);
        var tampered = token with { Secret = token.Secret + "x" };

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.MeAsync(tampered));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Contains("\"invalid_signature\"", error.Response.Text);
        Assert.DoesNotContain(tampered.Secret!, error.ToString());
        Assert.Equal("alice", (await client.MeAsync(token)).ScreenName); // the genuine secret still works
    }

    [Fact]
    public async Task A_callback_for_another_request_token_is_refused_client_side()
    {
        var client = CreateClient(SignatureMethod.HmacSha1);
        var first = await client.AuthorizeAsync(Callback);
        var second = await client.AuthorizeAsync(Callback);
        var callbackOfSecond = await peer.ConsentAsync(second.Url.AbsoluteUri);

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callbackOfSecond, first.Pending));

        Assert.Equal(OAuthErrorType.StateMismatch, error.Type);
        // The forged callback cost the second flow nothing: its own pending authorization still completes.
        var result = await client.AuthorizedResponseAsync(callbackOfSecond, second.Pending);
        Assert.False(result.IsDenied);
    }

    [Fact]
    public async Task The_default_request_token_call_is_the_POST_Authlib_requires()
    {
        var client = PeerClients.Create<IPeerOAuth1Hmac>(peer, o => o.ConsumerSecret = PeerSecrets.Tricky);
        var mark = await PeerReceived.MarkAsync(peer);

        var token = await AuthorizeAsync(client);

        Assert.Equal(HttpMethod.Post, client.Options.RequestTokenMethod); // nothing in the attribute or the test sets it
        Assert.Equal("alice", (await client.MeAsync(token)).ScreenName);
        var requestToken = Assert.Single(await mark.SinceMarkAsync(), r => r.Path == "/oauth1/request_token");
        Assert.Equal("POST", requestToken.Method);
    }

    [Fact]
    public async Task A_405_from_a_GET_only_request_token_endpoint_names_the_option_and_GET_is_one_option_away()
    {
        // The peer's twin endpoint advertises GET, as Twitter-era providers did; Authlib refuses POST there with 405.
        var byDefault = PeerClients.Create<IPeerOAuth1Hmac>(peer, o =>
        {
            o.ConsumerSecret = PeerSecrets.Tricky;
            o.RequestTokenUrl = peer.Url("/oauth1/request_token/get");
        });
        var error = await Assert.ThrowsAsync<OAuthException>(() => byDefault.AuthorizeAsync(Callback));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, error.StatusCode);
        Assert.Contains("set RequestTokenMethod to GET", error.Message);

        var withGet = PeerClients.Create<IPeerOAuth1Hmac>(peer, o =>
        {
            o.ConsumerSecret = PeerSecrets.Tricky;
            o.RequestTokenUrl = peer.Url("/oauth1/request_token/get");
            o.RequestTokenMethod = HttpMethod.Get;
        });
        Assert.Equal("alice", (await withGet.MeAsync(await AuthorizeAsync(withGet))).ScreenName);
    }

    [Fact]
    public async Task The_attribute_defaults_sign_as_declared()
    {
        // No test overrides: each client signs with the placement its attribute names.
        var hmac = CreateClient(SignatureMethod.HmacSha1);
        var rsa = CreateClient(SignatureMethod.RsaSha1);
        var plaintext = CreateClient(SignatureMethod.Plaintext);

        foreach (var (client, type) in new[] { (hmac, "header"), (rsa, "query"), (plaintext, "body") })
        {
            var token = await AuthorizeAsync(client);
            var echo = await client.EchoFormAsync("s", "t", RepeatedA, "c", token);
            Assert.True(echo.IsSuccessStatusCode, echo.Text);
            Assert.Equal(type, echo.Value!.SignatureType);
        }
    }
}
