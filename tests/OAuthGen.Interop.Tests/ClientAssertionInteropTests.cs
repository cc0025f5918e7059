using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// JWT client authentication (RFC 7523 §2.2, OpenID Connect Core §9) checked by Authlib's JWTBearerClientAssertion:
/// signature against the registered key, iss = sub = client id, aud = the token endpoint, exp, and a jti the peer has
/// never seen (it refuses a replayed one).
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class ClientAssertionInteropTests(AuthlibPeer peer)
{
    private static readonly string RsaKey = AuthlibPeer.ReadPeerFile("keys/jwt-rsa-private.pem");
    private static readonly string EcKey = AuthlibPeer.ReadPeerFile("keys/jwt-ec-private.pem");

    /// <summary>peer/client_assertions.py's JWT_SECRET.</summary>
    private const string JwtSecret = "client-secret-jwt-test-secret-of-48-characters!!";

    private IPeerJwtRsa Rsa(Action<RemoteAppOptions>? configure = null, HttpMessageHandler? handler = null) =>
        PeerClients.Create<IPeerJwtRsa>(peer, o => { o.ClientAssertionKey = RsaKey; configure?.Invoke(o); }, handler);

    private static string UniqueScope() => "profile run-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void The_generated_options_carry_the_attributes_client_authentication_and_device_endpoint()
    {
        var ec = IPeerJwtEc.CreateOptions();
        Assert.Equal(ClientAuthMethod.PrivateKeyJwt, ec.ClientAuthMethod);
        Assert.Equal("ES256", ec.ClientAssertionAlgorithm);
        Assert.Equal("ec-1", ec.ClientAssertionKeyId);
        Assert.Equal(ClientAuthMethod.ClientSecretJwt, IPeerJwtSecret.CreateOptions().ClientAuthMethod);
        Assert.Equal("oauth2/device", IPeerJwtRsa.CreateOptions().DeviceAuthorizationUrl);
    }

    [Fact]
    public async Task Private_key_jwt_RS256_is_accepted()
    {
        var app = Rsa();
        var token = await app.ClientCredentialsAsync(UniqueScope());
        Assert.Equal("o2-jwt-rsa", (await app.MeAsync(token)).ClientId);
    }

    [Fact]
    public async Task Private_key_jwt_PS256_with_the_same_RSA_key_is_accepted()
    {
        var app = Rsa(o => o.ClientAssertionAlgorithm = "PS256");
        Assert.Equal("o2-jwt-rsa", (await app.MeAsync(await app.ClientCredentialsAsync(UniqueScope()))).ClientId);
    }

    [Fact]
    public async Task Private_key_jwt_ES256_is_accepted()
    {
        var app = PeerClients.Create<IPeerJwtEc>(peer, o => o.ClientAssertionKey = EcKey);
        Assert.Equal("o2-jwt-ec", (await app.MeAsync(await app.ClientCredentialsAsync(UniqueScope()))).ClientId);
    }

    [Fact]
    public async Task Client_secret_jwt_HS256_is_accepted()
    {
        var app = PeerClients.Create<IPeerJwtSecret>(peer, o => o.ConsumerSecret = JwtSecret);
        Assert.Equal("o2-jwt-secret", (await app.MeAsync(await app.ClientCredentialsAsync(UniqueScope()))).ClientId);
    }

    [Fact]
    public async Task Each_request_carries_a_new_jti_so_the_replay_check_accepts_them_all()
    {
        var handler = new FormCapturingHandler();
        var app = Rsa(handler: handler);
        for (var i = 0; i < 5; i++) await app.ClientCredentialsAsync(UniqueScope());

        var ids = handler.Forms.Select(f => JtiOf(AssertionOf(f))).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused()
    {
        var handler = new FormCapturingHandler();
        await Rsa(handler: handler).ClientCredentialsAsync(UniqueScope());
        var sent = Assert.Single(handler.Forms);

        using var http = new HttpClient();
        using var replay = await http.PostAsync(peer.Url("/oauth2/token"), new StringContent(sent, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_assertion_for_another_audience_is_refused()
    {
        // The issuer instead of the token endpoint: Authlib accepts only the token endpoint URL.
        var app = Rsa(o => o.ClientAssertionAudience = peer.BaseUrl);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync(UniqueScope()));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_client", error.Error);
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_refused()
    {
        var app = Rsa(o => o.ClientAssertionKey = System.Security.Cryptography.RSA.Create(2048).ExportPkcs8PrivateKeyPem());
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync(UniqueScope()));
        Assert.Equal("invalid_client", error.Error);
        Assert.DoesNotContain("PRIVATE KEY", error.ToString());
    }

    [Fact]
    public async Task The_device_grant_refresh_and_revocation_authenticate_with_the_assertion_too()
    {
        var app = Rsa();
        var authorization = await app.StartDeviceAuthorizationAsync("profile");
        await PeerHooks.DeviceDecisionAsync(peer, authorization.UserCode, approve: true);
        var token = await app.PollDeviceTokenAsync(authorization);
        Assert.NotNull(token.RefreshToken);

        var refreshed = await app.RefreshAsync(token);
        Assert.Equal("alice", (await app.MeAsync(refreshed)).Username);
        await app.RevokeAsync(refreshed);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.MeResponseAsync(refreshed)).Status);
    }

    private static string AssertionOf(string form) =>
        FormData.Parse(form).Single(p => p.Key == "client_assertion").Value;

    private static string JtiOf(string jwt) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).Id;
}
