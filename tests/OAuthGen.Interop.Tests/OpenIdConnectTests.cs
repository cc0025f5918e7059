using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OpenID Connect through the generated <see cref="IPeerOidc"/> against Authlib's authlib.oidc.core at the peer's issuer
/// <c>B/oidc</c>: the code flow with id_token, UserInfo, RP-Initiated Logout, key rotation, and every refused id_token
/// the peer's fault hooks produce (peer/README.md, "OpenID Connect").
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OpenIdConnectTests(AuthlibPeer peer)
{
    /// <summary>The peer's id for alice, the default consenting user.</summary>
    private const string AliceSubject = "1";

    private IPeerOidc Create(Action<RemoteAppOptions>? configure = null) => PeerClients.Create<IPeerOidc>(peer, o =>
    {
        o.ConsumerSecret = "oidc-secret";
        // Real time here: let a rotated key be fetched at once unless a test is about the rate limit.
        o.OpenIdConnectPolicy.JwksRefreshMinInterval = TimeSpan.Zero;
        configure?.Invoke(o);
    });

    private async Task<AuthorizationResult> SignInAsync(IPeerOidc app)
    {
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        return await app.AuthorizedResponseAsync(callback, redirect.Pending);
    }

    private async Task<JsonElement> HookAsync(string path, params (string Name, string Value)[] form)
    {
        using var http = new HttpClient();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in form) fields.Add(new(name, value));
        using var response = await http.PostAsync(peer.Url(path), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task FaultAsync(string fault) => HookAsync("/_test/oidc/fault", ("fault", fault));

    private async Task<int> JwksReadsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(peer.Url("/_test/oidc/jwks-reads"));
        return JsonDocument.Parse(text).RootElement.GetProperty("reads").GetInt32();
    }

    [Fact]
    public async Task Sign_in_yields_a_validated_id_token_then_userinfo_and_sign_out()
    {
        var app = Create();
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        Assert.NotNull(redirect.Pending.Nonce);
        Assert.Contains("nonce=" + redirect.Pending.Nonce, redirect.Url.Query);
        var result = await app.AuthorizedResponseAsync(await peer.ConsentAsync(redirect.Url.AbsoluteUri), redirect.Pending);

        var idToken = result.IdToken!;
        Assert.Equal(AliceSubject, idToken.Subject);
        Assert.Equal(peer.Url("/oidc"), idToken.Issuer);
        Assert.Equal(["oidc-client"], idToken.Audiences);
        Assert.Equal(redirect.Pending.Nonce, idToken.Nonce);
        Assert.Equal("Alice Liddell", idToken.Claim("name"));
        Assert.NotNull(idToken.Claim("at_hash"));

        var info = await app.UserInfoAsync(result.Token!, idToken.Subject);
        Assert.Equal("alice@example.test", info.Claim("email"));
        Assert.Equal(AliceSubject, (await app.RawUserInfoAsync(result.Token)).GetProperty("sub").GetString());

        var signOut = await app.EndSessionUrlAsync(idToken.RawToken, "http://127.0.0.1:9/signed-out", "bye-1");
        Assert.StartsWith(peer.Url("/oidc/logout?"), signOut.AbsoluteUri);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(signOut);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("http://127.0.0.1:9/signed-out?state=bye-1", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    public async Task A_rotated_key_of_each_algorithm_is_fetched_once_and_verifies(string algorithm)
    {
        await SignInAsync(Create());
        var rotated = await HookAsync("/_test/oidc/rotate", ("alg", algorithm));
        var before = await JwksReadsAsync();

        var result = await SignInAsync(Create());
        Assert.Equal(AliceSubject, result.IdToken!.Subject);
        Assert.Equal(before + 1, await JwksReadsAsync());
        Assert.Equal(algorithm, ReadHeader(result.IdToken.RawToken).GetProperty("alg").GetString());
        Assert.Equal(rotated.GetProperty("kid").GetString(), ReadHeader(result.IdToken.RawToken).GetProperty("kid").GetString());
        // The next sign-in uses the cached set.
        await SignInAsync(Create());
        Assert.Equal(before + 1, await JwksReadsAsync());
    }

    [Fact]
    public async Task Within_the_refresh_interval_an_unknown_kid_does_not_read_the_jwks_again()
    {
        await SignInAsync(Create());
        await HookAsync("/_test/oidc/rotate");
        var before = await JwksReadsAsync();
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            SignInAsync(Create(o => o.OpenIdConnectPolicy.JwksRefreshMinInterval = TimeSpan.FromHours(1))));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains("the signature check", error.Message);
        Assert.Equal(before, await JwksReadsAsync());
        // Once the interval allows it, the new key is fetched and verifies.
        Assert.NotNull((await SignInAsync(Create())).IdToken);
        Assert.Equal(before + 1, await JwksReadsAsync());
    }

    [Theory]
    [InlineData("bad_nonce", "the nonce check")]
    [InlineData("bad_aud", "the aud check")]
    [InlineData("bad_iss", "the iss check")]
    [InlineData("expired", "the exp check")]
    [InlineData("unknown_kid", "the signature check")]
    [InlineData("bad_signature", "the signature check")]
    [InlineData("no_id_token", "the id_token check")]
    public async Task Each_faulty_id_token_from_the_peer_is_refused_with_a_typed_error(string fault, string check)
    {
        var app = Create();
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        await FaultAsync(fault);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callback, redirect.Pending));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        Assert.Contains(check, error.Message);
        Assert.DoesNotContain("eyJ", error.ToString());
    }

    [Fact]
    public async Task Userinfo_about_another_subject_is_refused()
    {
        var app = Create();
        var result = await SignInAsync(app);
        await FaultAsync("userinfo_other_sub");
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.UserInfoAsync(result.Token!, result.IdToken!.Subject));
        Assert.Equal(OAuthErrorType.UserInfoInvalid, error.Type);
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_is_refused()
    {
        // A lifetime of one tick reads the document anew, past what other tests cached.
        static void Fresh(RemoteAppOptions o) => o.DiscoveryPolicy.CacheLifetime = TimeSpan.FromTicks(1);
        await FaultAsync("metadata_other_issuer");
        try
        {
            var error = await Assert.ThrowsAsync<OAuthException>(() => Create(Fresh).AuthorizeAsync(OAuth2Apps.Callback));
            Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
            Assert.Contains("issuer", error.Message);
        }
        finally
        {
            // The documents are cached per URL for the whole process: leave the honest one there for the other tests.
            await Create(Fresh).AuthorizeAsync(OAuth2Apps.Callback);
        }
    }

    /// <summary>The JOSE header of a compact token, read with Microsoft.IdentityModel (the test checks what was signed).</summary>
    private static JsonElement ReadHeader(string token) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();
}
