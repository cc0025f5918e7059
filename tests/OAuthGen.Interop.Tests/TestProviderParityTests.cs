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

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync();
        _http = _provider.CreateHttpClient();
        // The peer's registrations, repeated at the test provider: same ids, same tricky secret, same methods.
        _oauth2 = _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost, "o2-post", PeerSecrets.Tricky, ["http://127.0.0.1/oauth2/callback"]);
        _oauth1 = _provider.AddOAuth1Consumer(SignatureMethod.HmacSha1, "o1-client", PeerSecrets.Tricky);
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

    /// <summary>The system clock moved by an offset, optionally stopped, so signatures carry a chosen timestamp.</summary>
    private sealed class ShiftedClock(TimeSpan offset, bool frozen = false) : TimeProvider
    {
        private readonly DateTimeOffset _start = TimeProvider.System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => (frozen ? _start : TimeProvider.System.GetUtcNow()) + offset;
    }
}
