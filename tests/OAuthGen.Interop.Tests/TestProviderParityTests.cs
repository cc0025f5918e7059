using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;
using OAuthGen.Testing;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OAuthGen.Testing's provider refuses what Authlib refuses: the same wrong requests, sent by the same generated clients
/// (or the same raw form posts), go to the live Authlib peer and to a <see cref="TestProvider"/>, and both must say no.
/// A test kit that accepted them would let a broken client pass.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class TestProviderParityTests(AuthlibPeer peer) : IAsyncLifetime
{
    private TestProvider _provider = null!;
    private HttpClient _http = null!;
    private OAuth2Client _oauth2 = null!;
    private OAuth1Consumer _oauth1 = null!;
    private OAuth1Consumer _oauth1Rsa = null!;
    private OAuth2Client _oauth2Basic = null!;
    private OAuth2Client _oauth2Public = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync();
        _http = _provider.CreateHttpClient();
        // The peer's registrations, repeated at the test provider: same ids, same tricky secret, same methods.
        _oauth2 = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost, "o2-post", PeerSecrets.Tricky, ["http://127.0.0.1/oauth2/callback"]);
        _oauth1 = _provider.AddOAuth1Consumer(SignatureMethod.HmacSha1, "o1-client", PeerSecrets.Tricky);
        _oauth1Rsa = _provider.AddOAuth1Consumer(SignatureMethod.RsaSha1, "o1-rsa", rsaPublicKey: AuthlibPeer.ReadPeerFile("keys/oauth1-rsa-public.pem"));
        _oauth2Basic = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic, "o2-basic", PeerSecrets.Tricky, ["http://127.0.0.1/oauth2/callback"]);
        // Authlib takes plain PKCE as well as S256 from o2-public, whose generated client uses plain.
        _oauth2Public = _provider.AddOAuth2Client(ClientAuthMethod.None, "o2-public", redirectUris: ["http://127.0.0.1/oauth2/callback"], allowPlainPkce: true);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    /// <summary>The two providers, each with its generated OAuth 2.0 client, its consent and its token endpoint.</summary>
    private IEnumerable<(string Name, Func<Action<RemoteAppOptions>?, IPeerOAuth2Post> Client, Func<Uri, Task<Uri>> Approve, string TokenUrl)> OAuth2Providers()
    {
        yield return ("Authlib", configure => OAuth2Apps.Post(peer, configure), url => peer.ConsentAsync(url.AbsoluteUri), peer.Url("/oauth2/token"));
        yield return ("TestProvider", configure =>
        {
            var options = _provider.CreateOptions(_oauth2, IPeerOAuth2Post.CreateOptions());
            configure?.Invoke(options);
            return IPeerOAuth2Post.Create(_http, options);
        }, url => _provider.ApproveAsync(url), _provider.OAuth2TokenUrl.AbsoluteUri);
    }

    private IEnumerable<(string Name, Func<Action<RemoteAppOptions>?, IPeerOAuth1Hmac> Client, Func<Uri, Task<Uri>> Approve)> OAuth1Providers()
    {
        yield return ("Authlib", configure => PeerClients.Create<IPeerOAuth1Hmac>(peer, options =>
        {
            options.ConsumerSecret = PeerSecrets.Tricky;
            configure?.Invoke(options);
        }), url => peer.ConsentAsync(url.AbsoluteUri));
        yield return ("TestProvider", configure =>
        {
            var options = _provider.CreateOptions(_oauth1, IPeerOAuth1Hmac.CreateOptions());
            configure?.Invoke(options);
            return IPeerOAuth1Hmac.Create(_http, options);
        }, url => _provider.ApproveAsync(url));
    }

    /// <summary>Client <c>o1-rsa</c> (RSA-SHA1, signed in the query) at each provider; the test gives the private key.</summary>
    private IEnumerable<(string Name, Func<Action<RemoteAppOptions>?, IPeerOAuth1Rsa> Client)> OAuth1RsaProviders()
    {
        yield return ("Authlib", configure => PeerClients.Create<IPeerOAuth1Rsa>(peer, configure));
        yield return ("TestProvider", configure =>
        {
            var options = _provider.CreateOptions(_oauth1Rsa, IPeerOAuth1Rsa.CreateOptions());
            configure?.Invoke(options);
            return IPeerOAuth1Rsa.Create(_http, options);
        });
    }

    /// <summary>Client <c>o2-basic</c> (client_secret_basic, credentials form-encoded as RFC 6749 §2.3.1 says) at each provider.</summary>
    private IEnumerable<(string Name, Func<Action<RemoteAppOptions>?, IPeerOAuth2Basic> Client, Func<Uri, Task<Uri>> Approve)> OAuth2BasicProviders()
    {
        yield return ("Authlib", configure => OAuth2Apps.Basic(peer, configure), url => peer.ConsentAsync(url.AbsoluteUri));
        yield return ("TestProvider", configure =>
        {
            var options = _provider.CreateOptions(_oauth2Basic, IPeerOAuth2Basic.CreateOptions());
            options.FormEncodeBasicCredentials = true;
            configure?.Invoke(options);
            return IPeerOAuth2Basic.Create(_http, options);
        }, url => _provider.ApproveAsync(url));
    }

    /// <summary>Public client <c>o2-public</c> (no secret, PKCE plain) at each provider.</summary>
    private IEnumerable<(string Name, IPeerOAuth2Public Client, Func<Uri, Task<Uri>> Approve)> OAuth2PublicProviders()
    {
        yield return ("Authlib", OAuth2Apps.Public(peer), url => peer.ConsentAsync(url.AbsoluteUri));
        yield return ("TestProvider", IPeerOAuth2Public.Create(_http, _provider.CreateOptions(_oauth2Public, IPeerOAuth2Public.CreateOptions())),
            url => _provider.ApproveAsync(url));
    }

    private static async Task<AuthorizationRedirect> ApprovedAsync(IRemoteApp app, Func<Uri, Task<Uri>> approve, List<Uri> callbacks)
    {
        var redirect = await app.AuthorizeAsync(OAuth2Apps.Callback);
        callbacks.Add(await approve(redirect.Url));
        return redirect;
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_invalid_grant_at_both()
    {
        foreach (var (name, client, approve, _) in OAuth2Providers())
        {
            var app = client(null);
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(app, approve, callbacks);
            var forged = redirect.Pending with { CodeVerifier = new string('x', 43) };

            var refused = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callbacks[0], forged));

            Assert.True(refused.Error == "invalid_grant", $"{name}: {refused.Error} {refused.Message}");
        }
    }

    [Fact]
    public async Task A_redirect_uri_other_than_the_authorization_requests_is_invalid_grant_at_both()
    {
        foreach (var (name, client, approve, _) in OAuth2Providers())
        {
            var app = client(null);
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(app, approve, callbacks);
            var moved = redirect.Pending with { RedirectUri = "http://127.0.0.1:9/oauth2/other" };

            var refused = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callbacks[0], moved));

            Assert.True(refused.Error == "invalid_grant", $"{name}: {refused.Error} {refused.Message}");
        }
    }

    [Fact]
    public async Task A_code_redeemed_a_second_time_by_another_app_instance_is_refused_at_both()
    {
        foreach (var (name, client, approve, _) in OAuth2Providers())
        {
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(client(null), approve, callbacks);
            var first = await client(null).AuthorizedResponseAsync(callbacks[0], redirect.Pending);
            Assert.False(first.IsDenied, name);

            // Its own replay store: the client cannot know the code was used, so only the provider can refuse.
            var second = client(options => options.ReplayStore = new InMemoryReplayStore());
            var refused = await Assert.ThrowsAsync<OAuthException>(() => second.AuthorizedResponseAsync(callbacks[0], redirect.Pending));

            Assert.True(refused.Error == "invalid_grant", $"{name}: {refused.Error} {refused.Message}");
        }
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_at_both()
    {
        foreach (var (name, client, approve, _) in OAuth2Providers())
        {
            var app = client(options => options.ConsumerSecret = "not the secret");
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(app, approve, callbacks);

            var refused = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callbacks[0], redirect.Pending));

            Assert.True(refused.Error == "invalid_client", $"{name}: {refused.Error} {refused.Message}");
        }
    }

    [Fact]
    public async Task A_rotated_refresh_token_presented_again_is_invalid_grant_at_both()
    {
        using var raw = new HttpClient();
        foreach (var (name, client, approve, tokenUrl) in OAuth2Providers())
        {
            var app = client(null);
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(app, approve, callbacks);
            var token = (await app.AuthorizedResponseAsync(callbacks[0], redirect.Pending)).Token!;
            Task<HttpResponseMessage> RefreshAsync() => raw.PostAsync(tokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = token.RefreshToken!, ["client_id"] = "o2-post", ["client_secret"] = PeerSecrets.Tricky,
            }));

            using var rotated = await RefreshAsync();
            using var replayed = await RefreshAsync();

            Assert.True(rotated.StatusCode == HttpStatusCode.OK, $"{name}: {(int)rotated.StatusCode}");
            Assert.True(replayed.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)replayed.StatusCode}");
            Assert.Contains("invalid_grant", await replayed.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_OAuth1_request_signed_with_the_wrong_consumer_secret_is_refused_at_both()
    {
        foreach (var (name, client, _) in OAuth1Providers())
        {
            var app = client(options => options.ConsumerSecret = "not the secret");

            var refused = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync(OAuth2Apps.Callback));

            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode} {refused.Message}");
        }
    }

    [Fact]
    public async Task An_OAuth1_timestamp_half_an_hour_old_is_refused_at_both()
    {
        foreach (var (name, client, _) in OAuth1Providers())
        {
            var app = client(options => options.TimeProvider = new ShiftedClock(TimeSpan.FromMinutes(-30)));

            var refused = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync(OAuth2Apps.Callback));

            // Authlib answers 400 invalid_request, the test provider 401 timestamp_refused: both refuse.
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode} {refused.Message}");
        }
    }

    [Fact]
    public async Task An_OAuth1_nonce_used_twice_with_the_same_timestamp_is_refused_at_both()
    {
        foreach (var (name, client, approve) in OAuth1Providers())
        {
            var signIn = client(null);
            var redirect = await signIn.AuthorizeAsync(OAuth2Apps.Callback);
            var token = (await signIn.AuthorizedResponseAsync(await approve(redirect.Url), redirect.Pending)).Token!;
            var replaying = client(options =>
            {
                options.TimeProvider = new ShiftedClock(TimeSpan.Zero, frozen: true);
                options.NonceGenerator = () => "parity-nonce-" + name;
            });

            var first = await replaying.GetAsync("api/me", token: token);
            var second = await replaying.GetAsync("api/me", token: token);

            Assert.True(first.Status == HttpStatusCode.OK, $"{name}: first call {first.Status}");
            Assert.True(second.Status == HttpStatusCode.Unauthorized, $"{name}: replayed nonce {second.Status}");
        }
    }

    [Fact]
    public async Task An_RSA_SHA1_signature_forged_with_another_key_is_refused_at_both()
    {
        var registeredKey = AuthlibPeer.ReadPeerFile("keys/oauth1-rsa-private.pem");
        using var forgersKey = System.Security.Cryptography.RSA.Create(2048);
        foreach (var (name, client) in OAuth1RsaProviders())
        {
            // The registered key works at both, so the refusal below is the signature's and nothing else's.
            var genuine = await client(options => options.RsaKey = registeredKey).AuthorizeAsync(OAuth2Apps.Callback);
            Assert.True(genuine.Pending.RequestToken is not null, $"{name}: the registered key was refused");

            var forged = client(options => options.RsaKey = forgersKey.ExportRSAPrivateKeyPem());
            var refused = await Assert.ThrowsAsync<OAuthException>(() => forged.AuthorizeAsync(OAuth2Apps.Callback));

            // Authlib answers invalid_signature, the test provider signature_invalid (RFC 5849 names no codes): both 401.
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode} {refused.Message}");
            Assert.True(refused.Error is "invalid_signature" or "signature_invalid", $"{name}: {refused.Error}");
        }
    }

    [Fact]
    public async Task A_wrong_secret_in_client_secret_basic_is_invalid_client_at_both()
    {
        foreach (var (name, client, approve) in OAuth2BasicProviders())
        {
            var callbacks = new List<Uri>();
            var right = client(null);
            var redirect = await ApprovedAsync(right, approve, callbacks);
            Assert.False((await right.AuthorizedResponseAsync(callbacks[0], redirect.Pending)).IsDenied, $"{name}: the right secret was refused");

            var wrong = client(options => options.ConsumerSecret = PeerSecrets.Tricky + "x");
            var second = await ApprovedAsync(wrong, approve, callbacks);
            var refused = await Assert.ThrowsAsync<OAuthException>(() => wrong.AuthorizedResponseAsync(callbacks[1], second.Pending));

            Assert.True(refused.Error == "invalid_client", $"{name}: {refused.Error} {refused.Message}");
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode}");
        }
    }

    [Fact]
    public async Task A_public_clients_code_exchange_without_the_code_verifier_of_its_PKCE_authorization_is_refused_at_both()
    {
        foreach (var (name, client, approve) in OAuth2PublicProviders())
        {
            var callbacks = new List<Uri>();
            var redirect = await ApprovedAsync(client, approve, callbacks);
            Assert.Contains("code_challenge=", redirect.Url.Query, StringComparison.Ordinal);
            var withoutVerifier = redirect.Pending with { CodeVerifier = null };

            var refused = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callbacks[0], withoutVerifier));

            // Authlib answers invalid_request ("Missing code_verifier"), the test provider invalid_grant: both 400.
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{name}: {refused.StatusCode} {refused.Message}");
            Assert.True(refused.Error is "invalid_request" or "invalid_grant", $"{name}: {refused.Error}");
            Assert.Contains("code_verifier", refused.ErrorDescription);
        }
    }

    /// <summary>The system clock moved by an offset, optionally stopped, so signatures carry a chosen timestamp.</summary>
    private sealed class ShiftedClock(TimeSpan offset, bool frozen = false) : TimeProvider
    {
        private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => (frozen ? _start : TimeProvider.System.GetUtcNow()) + offset;
    }
}
