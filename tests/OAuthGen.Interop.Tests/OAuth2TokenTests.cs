using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>What happens to OAuth 2.0 tokens after the grant, through generated clients: refresh with rotation,
/// client credentials and revocation, each confirmed by what the peer then accepts or refuses.</summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OAuth2TokenTests(AuthlibPeer peer)
{
    private Task ExpireAtPeerAsync(OAuthToken token) => PeerHooks.ExpireAsync(peer, token);

    /// <summary>The peer's answer to a refresh_token grant sent by plain HTTP (no OAuthGen involved).</summary>
    private async Task<(HttpStatusCode Status, string Error)> RawRefreshAsync(string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(peer.Url("/oauth2/token"), new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("grant_type", "refresh_token"), new("refresh_token", refreshToken),
            new("client_id", "o2-post"), new("client_secret", PeerSecrets.Tricky),
        ]));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.TryGetProperty("error", out var error) ? error.GetString()! : "");
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_the_peer_refuses_the_old_one()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);
        await ExpireAtPeerAsync(token);
        var expired = await app.MeResponseAsync(token);

        var refreshed = await app.RefreshAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.NotNull(refreshed.RefreshToken);
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        Assert.Equal("alice", (await app.MeAsync(refreshed)).Username);
        // The old refresh token is dead at the peer: through another client (no shared refresh flight) and by plain HTTP.
        var other = await Assert.ThrowsAsync<OAuthException>(() => OAuth2Apps.Discovered(peer).RefreshAsync(token));
        Assert.Equal(OAuthErrorType.RefreshFailed, other.Type);
        Assert.Equal("invalid_grant", other.Error);
        Assert.DoesNotContain(token.RefreshToken!, other.ToString());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RawRefreshAsync(token.RefreshToken!));
    }

    [Fact]
    public async Task An_expired_stored_token_is_refreshed_saved_and_used_on_the_next_call()
    {
        var store = new MemoryTokenStore();
        var app = OAuth2Apps.Post(peer, o => o.TokenStore = store);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);
        await ExpireAtPeerAsync(token);
        store.Token = token with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

        var me = await app.MeAsync(); // no token argument: the store's, refreshed first

        Assert.Equal("alice", me.Username);
        var saved = Assert.Single(store.Saved);
        Assert.NotEqual(token.AccessToken, saved.AccessToken);
        Assert.NotEqual(token.RefreshToken, saved.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RawRefreshAsync(token.RefreshToken!));
        Assert.Equal("alice", (await app.MeAsync()).Username); // the saved token serves the next call
        Assert.Single(store.Saved);
    }

    [Fact]
    public async Task Concurrent_calls_with_an_expired_token_refresh_once_so_rotation_locks_no_one_out()
    {
        // With rotation, a second refresh with the same refresh token is invalid_grant at the peer (authlib#673's failure).
        var store = new MemoryTokenStore();
        var app = OAuth2Apps.Post(peer, o => o.TokenStore = store);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);
        await ExpireAtPeerAsync(token);
        store.Token = token with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.MeAsync()));

        Assert.All(users, user => Assert.Equal("alice", user.Username));
        Assert.Single(store.Saved);
    }

    [Fact]
    public async Task Client_credentials_get_a_token_for_the_client_itself()
    {
        var basic = OAuth2Apps.Basic(peer);
        var post = OAuth2Apps.Post(peer);

        var basicToken = await basic.ClientCredentialsAsync("profile");
        var postToken = await post.ClientCredentialsAsync();

        Assert.Null(basicToken.RefreshToken);
        var me = await basic.MeAsync(basicToken);
        Assert.Null(me.Username);
        Assert.Equal("o2-basic", me.ClientId);
        Assert.Equal("profile", me.Scope);
        Assert.Equal("o2-post", (await post.MeAsync(postToken)).ClientId);
        Assert.Equal("profile email", (await post.MeAsync(postToken)).Scope); // the attribute's Scope
    }

    [Fact]
    public async Task Revocation_ends_the_grant_at_the_peer()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);
        var accessOnly = await OAuth2Apps.AuthorizeAsync(peer, app);
        Assert.Equal("alice", (await app.MeAsync(token)).Username);

        await app.RevokeAsync(token); // sends the refresh token: its access token goes too (RFC 7009 §2.1)
        await app.RevokeAsync(new OAuthToken(accessOnly.AccessToken));

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.MeAsync(token));
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.MeResponseAsync(accessOnly)).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await RawRefreshAsync(token.RefreshToken!));
        // Revoking the access token alone leaves its refresh token alive (the peer revokes downwards only).
        Assert.Equal("alice", (await app.MeAsync(await app.RefreshAsync(accessOnly))).Username);
    }

    [Fact]
    public async Task A_revoked_client_credentials_token_is_not_reused()
    {
        var app = OAuth2Apps.Basic(peer);
        var first = await app.ClientCredentialsAsync("revocable");
        Assert.Same(first, await app.ClientCredentialsAsync("revocable")); // cached while fresh

        await app.RevokeAsync(first);
        var second = await app.ClientCredentialsAsync("revocable");

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.MeResponseAsync(first)).Status);
        Assert.Equal("o2-basic", (await app.MeAsync(second)).ClientId);
    }
}
