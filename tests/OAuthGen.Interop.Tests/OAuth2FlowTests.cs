using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// The OAuth 2.0 authorization code grant through generated clients (Clients/OAuth2Clients.cs) against Authlib:
/// PKCE S256 and plain, every client authentication method, denial, forged state and discovery.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OAuth2FlowTests(AuthlibPeer peer)
{
    public enum Client { Post, Basic, Public }

    private IOAuth2PeerApi Create(Client client, CodeChallengeMethod pkce) => client switch
    {
        Client.Post => OAuth2Apps.Post(peer, o => o.CodeChallengeMethod = pkce),
        Client.Basic => OAuth2Apps.Basic(peer, o => o.CodeChallengeMethod = pkce),
        Client.Public => OAuth2Apps.Public(peer, o => o.CodeChallengeMethod = pkce),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    private static string ClientId(Client client) => client switch
    {
        Client.Post => "o2-post",
        Client.Basic => "o2-basic",
        _ => "o2-public",
    };

    private static FormData Query(Uri url) => FormData.Parse(url.Query);

    [Theory]
    [InlineData(Client.Post, CodeChallengeMethod.S256)]
    [InlineData(Client.Post, CodeChallengeMethod.Plain)]
    [InlineData(Client.Basic, CodeChallengeMethod.S256)]
    [InlineData(Client.Basic, CodeChallengeMethod.Plain)]
    [InlineData(Client.Public, CodeChallengeMethod.S256)]
    [InlineData(Client.Public, CodeChallengeMethod.Plain)]
    public async Task The_code_flow_with_PKCE_yields_a_token_the_peer_accepts(Client client, CodeChallengeMethod pkce)
    {
        var app = Create(client, pkce);

        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var authorize = Query(redirect.Url);
        Assert.Equal(peer.Url("/oauth2/authorize"), redirect.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(ClientId(client), authorize["client_id"]);
        Assert.Equal(pkce == CodeChallengeMethod.S256 ? "S256" : "plain", authorize["code_challenge_method"]);
        Assert.Equal(pkce == CodeChallengeMethod.Plain, authorize["code_challenge"] == redirect.Pending.CodeVerifier);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        Assert.Equal(redirect.Pending.State, Query(callback)["state"]);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.False(result.IsDenied, result.Error);
        var token = result.Token!;
        Assert.Equal("Bearer", token.TokenType);
        Assert.NotNull(token.RefreshToken);
        Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(3500), DateTimeOffset.UtcNow.AddSeconds(3700));
        var me = await app.MeAsync(token);
        Assert.Equal("alice", me.Username);
        Assert.Equal(ClientId(client), me.ClientId);
    }

    [Fact]
    public async Task The_pending_authorization_survives_a_cookie_round_trip_into_a_new_client()
    {
        // A web app redirects in one request and handles the callback in another, with a fresh client and the stored JSON.
        var redirect = await OAuth2Apps.Basic(peer).AuthorizeAsync(OAuth2Apps.Callback);
        var stored = redirect.Pending.ToJson();
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);

        var result = await OAuth2Apps.Basic(peer).AuthorizedResponseAsync(callback, PendingAuthorization.FromJson(stored));

        Assert.False(result.IsDenied, result.Error);
        Assert.Equal("o2-basic", (await OAuth2Apps.Basic(peer).MeAsync(result.Token)).ClientId);
    }

    [Fact]
    public async Task A_client_from_the_static_Create_with_its_attribute_options_and_a_run_time_BaseUrl_completes_the_flow()
    {
        // What an application does: the attribute's options, the deployment's base URL and secret, then IX.Create.
        var options = IPeerOAuth2Post.CreateOptions();
        Assert.Equal(("peer-oauth2-post", "oauth2/token", "profile email"), (options.Name, options.AccessTokenUrl, options.Scope));
        options.BaseUrl = peer.Url("/");
        options.ConsumerSecret = PeerSecrets.Tricky;
        using var http = new HttpClient();
        IPeerOAuth2Post app = IPeerOAuth2Post.Create(http, options);

        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        Assert.Equal("profile email", token.Scope);
        Assert.Equal("alice", (await app.MeAsync(token)).Username);
    }

    [Fact]
    public async Task A_callback_URL_with_a_query_and_a_caller_chosen_state_survive_the_round_trip()
    {
        // The redirect_uri is replayed byte for byte at the token endpoint (RFC 6749 §4.1.3), or Authlib refuses the code.
        const string callbackUrl = "http://127.0.0.1:9/oauth2/callback?next=%2Fhome%3Fa%3D1%26b%3D2&lang=ja";
        const string state = "st8 +/=é☃";
        var app = OAuth2Apps.Post(peer);

        var redirect = await app.AuthorizeAsync(callbackUrl, state, [new("prompt", "consent")]);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var returned = Query(callback);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.Equal("consent", Query(redirect.Url)["prompt"]);
        Assert.Equal(state, returned["state"]);
        Assert.Equal("/home?a=1&b=2", returned["next"]);
        Assert.Equal("ja", returned["lang"]);
        Assert.False(result.IsDenied, result.Error);
        Assert.Equal("alice", (await app.MeAsync(result.Token)).Username);
    }

    [Theory]
    [InlineData(CodeChallengeMethod.S256)]
    [InlineData(CodeChallengeMethod.Plain)]
    public async Task The_peer_checks_the_PKCE_verifier(CodeChallengeMethod pkce)
    {
        var app = Create(Client.Public, pkce);
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var wrongVerifier = redirect.Pending with { CodeVerifier = redirect.Pending.CodeVerifier![..^1] + (redirect.Pending.CodeVerifier[^1] == 'A' ? 'B' : 'A') };

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callback, wrongVerifier));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_grant", error.Error);
        Assert.DoesNotContain(redirect.Pending.CodeVerifier, error.ToString());
    }

    [Fact]
    public async Task The_tricky_secret_authenticates_in_the_body_and_in_RFC_6749_Basic()
    {
        // TRICKY = "se cret:/&+=~ end": a raw ':' would split Basic credentials, '+' and ' ' are where form encodings differ.
        var post = await OAuth2Apps.AuthorizeAsync(peer, OAuth2Apps.Post(peer));
        var basic = await OAuth2Apps.AuthorizeAsync(peer, OAuth2Apps.Basic(peer));

        Assert.NotNull(post.AccessToken);
        Assert.NotNull(basic.AccessToken);
    }

    [Fact]
    public async Task Basic_credentials_must_be_form_encoded_exactly_when_the_server_decodes_them()
    {
        // Without RFC 6749 §2.3.1 encoding: refused where the server decodes, accepted where it reads them raw (as Authlib does).
        var raw = OAuth2Apps.Basic(peer, o => o.FormEncodeBasicCredentials = false);
        var rawAtAuthlibEndpoint = OAuth2Apps.Basic(peer, o =>
        {
            o.FormEncodeBasicCredentials = false;
            o.AccessTokenUrl = peer.Url("/oauth2/token/authlib-basic");
        });

        var refused = await Assert.ThrowsAsync<OAuthException>(() => OAuth2Apps.AuthorizeAsync(peer, raw));
        var token = await OAuth2Apps.AuthorizeAsync(peer, rawAtAuthlibEndpoint);

        Assert.Equal(OAuthErrorType.TokenEndpointError, refused.Type);
        Assert.Equal("invalid_client", refused.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Response!.Status);
        Assert.DoesNotContain(PeerSecrets.Tricky, refused.ToString());
        Assert.Equal("alice", (await rawAtAuthlibEndpoint.MeAsync(token)).Username);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_by_the_peer_as_a_typed_error()
    {
        var app = OAuth2Apps.Post(peer, o => o.ConsumerSecret = PeerSecrets.Tricky + "x");

        var error = await Assert.ThrowsAsync<OAuthException>(() => OAuth2Apps.AuthorizeAsync(peer, app));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_client", error.Error);
        Assert.DoesNotContain(PeerSecrets.Tricky, error.ToString());
    }

    [Fact]
    public async Task A_denial_is_a_denied_result_with_the_peers_error()
    {
        var app = OAuth2Apps.Post(peer);
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);

        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: false);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.True(result.IsDenied);
        Assert.Null(result.Token);
        Assert.Equal("access_denied", result.Error);
    }

    [Fact]
    public async Task A_forged_state_is_refused_before_any_token_call()
    {
        var recorder = new RecordingHandler();
        var app = OAuth2Apps.Post(peer, handler: recorder);
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var parameters = Query(callback);
        var forged = new FormData { { "code", parameters["code"]! }, { "state", "forged-" + parameters["state"] } };

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(forged, redirect.Pending));

        Assert.Equal(OAuthErrorType.StateMismatch, error.Type);
        Assert.Empty(recorder.Urls);
        // The code was never spent: the genuine callback still redeems it.
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);
        Assert.False(result.IsDenied);
        Assert.Equal([peer.Url("/oauth2/token")], recorder.Urls);
    }

    [Fact]
    public async Task Endpoints_are_discovered_from_the_peers_metadata()
    {
        var recorder = new RecordingHandler();
        var app = OAuth2Apps.Discovered(peer, recorder);
        Assert.Null(app.Options.AuthorizeUrl);
        Assert.Null(app.Options.AccessTokenUrl);
        Assert.Null(app.Options.RevocationUrl);

        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var token = (await app.AuthorizedResponseAsync(callback, redirect.Pending)).Token!;
        var me = await app.MeAsync(token);
        await app.RevokeAsync(token);
        var afterRevocation = await app.MeResponseAsync(token);

        Assert.Equal(peer.Url("/oauth2/authorize"), redirect.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal("o2-post", me.ClientId);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.Status);
        // The document is fetched once per process; the token and revocation endpoints it names are the ones called.
        var metadata = peer.Url("/.well-known/oauth-authorization-server");
        Assert.Equal([peer.Url("/oauth2/token"), peer.Url("/api/me"), peer.Url("/oauth2/revoke"), peer.Url("/api/me")],
            recorder.Urls.Where(url => url != metadata));
    }

    [Fact]
    public async Task The_peers_issuer_passes_the_discovery_policy_and_is_checked_as_rfc9207_iss()
    {
        var recorder = new RecordingHandler();
        var app = OAuth2Apps.Discovered(peer, recorder);

        // Authlib's document names its issuer exactly as the RFC 8414 URL implies, with every endpoint on its host.
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        Assert.Equal(peer.BaseUrl, redirect.Pending.Issuer);
        Assert.False(redirect.Pending.RequireIssuer); // Authlib 1.2 does not advertise authorization_response_iss_parameter_supported
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);

        // An iss naming another server (a mix-up) is refused before the code is sent; the flow is spent.
        var forged = FormData.Parse(callback.Query);
        forged.Add("iss", "https://other-as.example.com");
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(forged, redirect.Pending));
        Assert.Equal(OAuthErrorType.IssuerMismatch, error.Type);
        Assert.DoesNotContain(peer.Url("/oauth2/token"), recorder.Urls);

        // The peer's own issuer is accepted.
        redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var genuine = FormData.Parse(callback.Query);
        genuine.Add("iss", peer.BaseUrl);
        var result = await app.AuthorizedResponseAsync(genuine, redirect.Pending);
        Assert.Equal("Bearer", result.Token!.TokenType);
    }
}
