using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Pushed authorization requests (RFC 9126) and DPoP (RFC 9449) through generated clients against the peer's <c>/fapi</c>
/// issuer (peer/par_dpop.py): the whole flow, the nonce challenges, and each request the peer must refuse.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class PushedAuthorizationAndDPoPTests(AuthlibPeer peer)
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private IPeerFapi Fapi(Action<RemoteAppOptions>? configure = null) =>
        PeerClients.Create<IPeerFapi>(peer, o => { o.ConsumerSecret = PeerSecrets.Tricky; configure?.Invoke(o); });

    private async Task RotateNonceAsync() =>
        (await _http.PostAsync(peer.Url("/_test/fapi/rotate-nonce"), null)).EnsureSuccessStatusCode();

    private static FormData Query(Uri url) => FormData.Parse(url.Query);

    [Fact]
    public async Task The_code_flow_pushes_its_parameters_and_binds_the_token_to_the_key()
    {
        var app = Fapi();
        await RotateNonceAsync();
        var mark = await PeerReceived.MarkAsync(peer);

        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);

        // The browser carries only client_id and request_uri (RFC 9126 §4).
        Assert.Equal(peer.Url("/fapi/authorize"), redirect.Url.GetLeftPart(UriPartial.Path));
        Assert.Equal(["client_id", "request_uri"], Query(redirect.Url).Select(p => p.Key).Order());
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", Query(redirect.Url)["request_uri"]);
        Assert.InRange(redirect.RequestUriExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(50), DateTimeOffset.UtcNow.AddSeconds(61));
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        Assert.Equal(redirect.Pending.State, Query(callback)["state"]);
        var result = await app.AuthorizedResponseAsync(callback, redirect.Pending);

        Assert.False(result.IsDenied, result.Error);
        Assert.Equal("DPoP", result.Token!.TokenType);
        var me = await app.MeAsync(result.Token);
        Assert.Equal("alice", me.Username);
        Assert.Equal("o2-post", me.ClientId);
        Assert.NotEmpty(me.Jkt!);
        // The rotated nonce made the token endpoint refuse the first exchange (400 use_dpop_nonce); one more was sent.
        var received = await mark.SinceMarkAsync();
        Assert.Equal(1, received.Count(r => r.Path == "/fapi/par"));
        Assert.Equal(2, received.Count(r => r.Path == "/fapi/token" && r.GrantType == "authorization_code"));
    }

    [Fact]
    public async Task Configured_endpoints_push_with_client_secret_basic()
    {
        var app = PeerClients.Create<IPeerFapiConfigured>(peer, o => { o.ConsumerSecret = PeerSecrets.Tricky; o.FormEncodeBasicCredentials = true; });
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        Assert.Equal("o2-basic", Query(redirect.Url)["client_id"]);
        var result = await app.AuthorizedResponseAsync(await peer.ConsentAsync(redirect.Url.AbsoluteUri), redirect.Pending);
        Assert.Equal("o2-basic", (await app.MeAsync(result.Token)).ClientId);
    }

    [Fact]
    public async Task A_refused_push_is_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<OAuthException>(() => Fapi().AuthorizeAsync("https://elsewhere.example/callback"));
        Assert.Equal(OAuthErrorType.PushedAuthorizationFailed, error.Type);
        Assert.Equal("invalid_request", error.Error);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task A_request_uri_is_refused_a_second_time_after_expiry_and_for_another_client()
    {
        var app = Fapi();
        var used = await app.AuthorizeAsync(OAuth2Apps.Callback);
        await peer.ConsentAsync(used.Url.AbsoluteUri);
        await AssertRequestUriRefusedAsync(used.Url.AbsoluteUri, "already used");

        var expired = await app.AuthorizeAsync(OAuth2Apps.Callback);
        using (var form = new FormUrlEncodedContent([new("request_uri", Query(expired.Url)["request_uri"]!)]))
        {
            (await _http.PostAsync(peer.Url("/_test/fapi/expire-request-uri"), form)).EnsureSuccessStatusCode();
        }
        await AssertRequestUriRefusedAsync(expired.Url.AbsoluteUri, "expired");

        var other = await app.AuthorizeAsync(OAuth2Apps.Callback);
        await AssertRequestUriRefusedAsync(other.Url.AbsoluteUri.Replace("client_id=o2-post", "client_id=o2-basic", StringComparison.Ordinal),
            "another client");
    }

    private async Task AssertRequestUriRefusedAsync(string url, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Auto-Consent", "approve");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request_uri", body);
        Assert.Contains(reason, body);
    }

    [Fact]
    public async Task Refresh_and_client_credentials_carry_proofs_and_yield_DPoP_tokens()
    {
        var app = Fapi();
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);
        var refreshed = await app.RefreshAsync(token);
        Assert.Equal("DPoP", refreshed.TokenType);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.Equal("alice", (await app.MeAsync(refreshed)).Username);

        var service = await app.ClientCredentialsAsync();
        Assert.Equal("DPoP", service.TokenType);
        Assert.Equal("o2-post", (await app.MeAsync(service)).ClientId);
    }

    [Fact]
    public async Task A_resource_nonce_challenge_is_answered_once_with_the_new_nonce()
    {
        var app = Fapi();
        var token = await app.ClientCredentialsAsync();
        await RotateNonceAsync();
        var mark = await PeerReceived.MarkAsync(peer);

        var me = await app.NonceMeAsync(token);

        Assert.Equal("o2-post", me.ClientId);
        Assert.Equal(2, (await mark.SinceMarkAsync()).Count(r => r.Path == "/fapi/api/nonce/me"));
    }

    [Fact]
    public async Task A_DPoP_bound_token_is_never_sent_as_a_bearer_token()
    {
        var token = await Fapi().ClientCredentialsAsync();
        var bearerApp = PeerClients.Create<IPeerFapiBearer>(peer, o => o.ConsumerSecret = PeerSecrets.Tricky);

        // Our side: an app without DPoP refuses to send it, before anything is sent.
        await Assert.ThrowsAsync<ArgumentException>(() => bearerApp.MeAsync(token));

        // The peer's side: the same token relabelled as a bearer token is refused.
        var error = await Assert.ThrowsAsync<OAuthException>(() => bearerApp.MeAsync(token with { TokenType = "Bearer" }));
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("invalid_token", string.Join(" ", error.Response!.Headers["WWW-Authenticate"]));
    }

    public enum Forgery { ReplayedJti, WrongHtm, WrongHtu, StaleIat, MissingAth, WrongAth }

    [Theory]
    [InlineData(Forgery.ReplayedJti)]
    [InlineData(Forgery.WrongHtm)]
    [InlineData(Forgery.WrongHtu)]
    [InlineData(Forgery.StaleIat)]
    [InlineData(Forgery.MissingAth)]
    [InlineData(Forgery.WrongAth)]
    public async Task A_wrong_proof_is_refused(Forgery forgery)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string? replacement = null;
        var app = Fapi(o =>
        {
            o.Name = "peer-fapi-forged-" + forgery;
            o.DPoPKey = key;
            o.PreRequest = (request, _) =>
            {
                if (replacement is not null)
                {
                    request.Headers.Remove("DPoP");
                    request.Headers.Add("DPoP", replacement);
                }
                return ValueTask.CompletedTask;
            };
        });
        var token = await app.ClientCredentialsAsync();
        var url = peer.Url("/fapi/api/me");
        var now = DateTimeOffset.UtcNow;
        var jti = Guid.NewGuid().ToString("N");
        if (forgery == Forgery.ReplayedJti)
        {
            // The first use of the proof is accepted; the same proof again is a replay.
            replacement = DPoPProofForgery.Create(key, "GET", url, now, token.AccessToken, jti);
            Assert.Equal("o2-post", (await app.MeAsync(token)).ClientId);
        }
        replacement = forgery switch
        {
            Forgery.ReplayedJti => replacement,
            Forgery.WrongHtm => DPoPProofForgery.Create(key, "POST", url, now, token.AccessToken),
            Forgery.WrongHtu => DPoPProofForgery.Create(key, "GET", peer.Url("/fapi/api/other"), now, token.AccessToken),
            Forgery.StaleIat => DPoPProofForgery.Create(key, "GET", url, now.AddMinutes(-10), token.AccessToken),
            Forgery.MissingAth => DPoPProofForgery.Create(key, "GET", url, now, accessToken: null),
            _ => DPoPProofForgery.Create(key, "GET", url, now, token.AccessToken + "x"),
        };

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.MeAsync(token));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        var challenge = string.Join(" ", error.Response!.Headers["WWW-Authenticate"]);
        Assert.StartsWith("DPoP ", challenge);
        Assert.Contains("error=\"invalid_dpop_proof\"", challenge);
    }

    [Fact]
    public async Task The_key_given_in_options_is_the_one_the_token_is_bound_to()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var app = Fapi(o => { o.Name = "peer-fapi-given-key"; o.DPoPKey = key; });
        var token = await app.ClientCredentialsAsync();
        var parameters = key.ExportParameters(false);
        var expected = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Q.X)}\"," +
            $"\"y\":\"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(parameters.Q.Y)}\"}}")));
        Assert.Equal(expected, (await app.MeAsync(token)).Jkt);
    }
}
