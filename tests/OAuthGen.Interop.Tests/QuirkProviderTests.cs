using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Providers that bend OAuth 2.0 (the peer's GitHub- and Weibo-style endpoints, peer/quirks.py) through generated
/// clients declared the way a user would declare them for the real services.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class QuirkProviderTests(AuthlibPeer peer)
{
    private static FormData Query(Uri url) => FormData.Parse(url.Query);

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/x-www-form-urlencoded")] // what a client that does not ask for JSON gets
    public async Task GitHub_tokens_are_read_as_json_or_form(string accept, string served)
    {
        var recorder = new RecordingHandler();
        var github = PeerClients.Create<IPeerGitHub>(peer, o =>
        {
            o.ConsumerSecret = "github-secret";
            o.AccessTokenHeaders["Accept"] = accept;
        }, recorder);

        var token = await OAuth2Apps.AuthorizeAsync(peer, github);
        var user = await github.UserAsync(token); // Authorization: token T (the attribute's TokenType)

        Assert.Equal(served, recorder.Exchanges.Single(e => e.Url == peer.Url("/github/login/oauth/access_token")).ResponseMediaType);
        Assert.Equal(["user", "repo"], token.Scopes); // GitHub's comma-separated scope
        Assert.Null(token.RefreshToken);
        Assert.Null(token.ExpiresAt);
        Assert.Equal(("alice", 1), (user.Login, user.Id));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task GitHub_errors_on_HTTP_200_are_token_endpoint_errors(string accept)
    {
        var github = OAuth2Apps.GitHub(peer, o => o.AccessTokenHeaders["Accept"] = accept);
        var redirect = await github.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var badCode = new FormData { { "code", "not-the-code" }, { "state", Query(callback)["state"]! } };

        var error = await Assert.ThrowsAsync<OAuthException>(() => github.AuthorizedResponseAsync(badCode, redirect.Pending));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal(HttpStatusCode.OK, error.Response!.Status);
        Assert.Equal("bad_verification_code", error.Error);
        Assert.NotNull(error.ErrorDescription);
    }

    [Fact]
    public async Task GitHub_refuses_a_wrong_secret_on_HTTP_200()
    {
        var github = OAuth2Apps.GitHub(peer, o => o.ConsumerSecret = "not-the-secret");

        var error = await Assert.ThrowsAsync<OAuthException>(() => OAuth2Apps.AuthorizeAsync(peer, github));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal(HttpStatusCode.OK, error.Response!.Status);
        Assert.Equal("incorrect_client_credentials", error.Error);
        Assert.DoesNotContain("not-the-secret", error.ToString());
    }

    [Fact]
    public async Task Weibo_text_plain_json_is_read_through_the_forced_content_type_and_resources_take_the_OAuth2_word()
    {
        var recorder = new RecordingHandler();
        var weibo = PeerClients.Create<IPeerWeibo>(peer, o => o.ConsumerSecret = "weibo-secret", recorder);
        Assert.Equal("application/json", weibo.Options.ContentType);

        var token = await OAuth2Apps.AuthorizeAsync(peer, weibo);
        var user = await weibo.ShowUserAsync(token.Extra["uid"], token);
        var status = await weibo.UpdateStatusAsync("☃ 日本 Hello Ladies + Gentlemen", token);

        Assert.Equal("text/plain", recorder.Exchanges.Single(e => e.Url == peer.Url("/weibo/oauth2/access_token")).ResponseMediaType);
        Assert.Equal("1", token.Extra["uid"]);
        Assert.Equal("3600", token.Extra["remind_in"]);
        Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(3500), DateTimeOffset.UtcNow.AddSeconds(3700));
        Assert.Equal(("alice", "1"), (user.ScreenName, user.Idstr));
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal("☃ 日本 Hello Ladies + Gentlemen", status.Value!.Text);
        Assert.Equal("alice", status.Value.User!.ScreenName);
    }

    [Fact]
    public async Task Weibo_refuses_the_Bearer_word()
    {
        var weibo = OAuth2Apps.Weibo(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, weibo);
        var bearer = OAuth2Apps.Weibo(peer, o => o.TokenType = "Bearer");

        var error = await Assert.ThrowsAsync<OAuthException>(() => bearer.ShowUserAsync("1", token));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.StartsWith("OAuth2 ", error.Response.Headers["WWW-Authenticate"].Single());
        Assert.Equal("alice", (await weibo.ShowUserAsync("1", token)).ScreenName);
    }

    [Fact]
    public async Task Weibo_errors_in_text_plain_json_are_token_endpoint_errors()
    {
        var weibo = OAuth2Apps.Weibo(peer);
        var redirect = await weibo.AuthorizeAsync(OAuth2Apps.Callback);
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri);
        var badCode = new FormData { { "code", "not-the-code" }, { "state", Query(callback)["state"]! } };

        var error = await Assert.ThrowsAsync<OAuthException>(() => weibo.AuthorizedResponseAsync(badCode, redirect.Pending));

        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_grant", error.Error);
        Assert.Equal(HttpStatusCode.BadRequest, error.Response!.Status);
        Assert.Equal(21325, ((JsonElement)error.Response.Data!).GetProperty("error_code").GetInt32());
    }
}
