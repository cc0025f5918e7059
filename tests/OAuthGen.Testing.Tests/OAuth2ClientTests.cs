using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Testing.Tests;

/// <summary>A generated OAuth 2.0 client against the provider: every client authentication, both transports, time and grants.</summary>
public sealed class OAuth2ClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly MemoryTokenStore _tokens = new();
    private TestProvider _provider = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = TestProviderTransport.InMemory, TimeProvider = _clock });
        _http = _provider.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    private IKitOAuth2 Client(OAuth2Client registration, Action<RemoteAppOptions>? configure = null)
    {
        var options = _provider.CreateOptions(registration, IKitOAuth2.CreateOptions());
        options.TokenStore = _tokens;
        configure?.Invoke(options);
        return IKitOAuth2.Create(_http, options);
    }

    private async Task<OAuthToken> SignInAsync(IKitOAuth2 client, TestUser? user = null)
    {
        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var result = await client.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url, user), redirect.Pending);
        Assert.False(result.IsDenied, result.ErrorDescription);
        await _tokens.SaveAsync(new TokenRequest(client.Options.Name, null), result.Token!, default);
        return result.Token!;
    }

    [Theory]
    [InlineData(TestProviderTransport.InMemory, ClientAuthMethod.ClientSecretPost)]
    [InlineData(TestProviderTransport.InMemory, ClientAuthMethod.ClientSecretBasic)]
    [InlineData(TestProviderTransport.InMemory, ClientAuthMethod.None)]
    [InlineData(TestProviderTransport.Loopback, ClientAuthMethod.ClientSecretPost)]
    [InlineData(TestProviderTransport.Loopback, ClientAuthMethod.ClientSecretBasic)]
    [InlineData(TestProviderTransport.Loopback, ClientAuthMethod.None)]
    public async Task The_code_flow_with_PKCE_signs_in_and_calls_the_API_with_each_client_authentication(TestProviderTransport transport,
        ClientAuthMethod authentication)
    {
        await using var provider = await TestProvider.StartAsync(new TestProviderOptions { Transport = transport });
        using var http = provider.CreateHttpClient();
        var registration = provider.AddOAuth2Client(authentication);
        var options = provider.CreateOptions(registration, IKitOAuth2.CreateOptions());
        OAuthToken? signedIn = null;
        options.TokenGetter = (_, _) => ValueTask.FromResult(signedIn);
        var client = IKitOAuth2.Create(http, options);

        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var result = await client.AuthorizedResponseAsync(await provider.ApproveAsync(redirect.Url), redirect.Pending);
        signedIn = result.Token;
        var me = await client.GetMeAsync();

        Assert.Equal(provider.DefaultUser.Login, me.Login);
        Assert.Equal(provider.DefaultUser.Email, me.Email);
        provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token,
            ClientAuthentication = authentication,
            PkceMethod = "S256",
            PkceVerified = true,
            Success = true,
            Parameters = new Dictionary<string, string> { ["grant_type"] = "authorization_code" },
        });
        provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, AuthorizationScheme = "Bearer", Status = 200 });
    }

    [Fact]
    public async Task A_client_that_authenticates_another_way_than_registered_is_invalid_client()
    {
        var client = Client(_provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic), options => options.ClientAuthMethod = ClientAuthMethod.ClientSecretPost);
        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var callback = await _provider.ApproveAsync(redirect.Url);

        var refused = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callback, redirect.Pending));

        Assert.Equal("invalid_client", refused.Error);
        _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, Status = 401, Error = "invalid_client", ClientAuthentication = ClientAuthMethod.ClientSecretPost,
        });
    }

    [Fact]
    public async Task Consent_is_given_or_refused_by_the_user_the_test_names()
    {
        var alice = _provider.AddUser("alice", "Alice Liddell");
        var client = Client(_provider.AddOAuth2Client());

        await SignInAsync(client, alice);
        var me = await client.GetMeAsync();
        Assert.Equal(("alice", "Alice Liddell", "alice@example.test"), (me.Login, me.Name, me.Email));

        var second = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var denied = await client.AuthorizedResponseAsync(await _provider.DenyAsync(second.Url, alice), second.Pending);
        Assert.True(denied.IsDenied);
        Assert.Equal("access_denied", denied.Error);
    }

    [Fact]
    public async Task A_browser_gets_a_consent_page_for_the_signed_in_user()
    {
        _provider.SignedInUser = _provider.AddUser("bob", "Bob <Builder>");
        var redirect = await Client(_provider.AddOAuth2Client()).AuthorizeAsync(TestProvider.DefaultRedirectUri);

        var page = await _http.GetStringAsync(redirect.Url);

        Assert.Contains("Signed in as <b>Bob &lt;Builder&gt;</b>", page);
        Assert.Contains("value=\"approve\"", page);
    }

    [Fact]
    public async Task When_time_passes_the_client_refreshes_and_the_rotated_refresh_token_is_refused_afterwards()
    {
        var registration = _provider.AddOAuth2Client();
        var client = Client(registration);
        var first = await SignInAsync(client);

        _clock.Advance(TimeSpan.FromHours(2));
        var me = await client.GetMeAsync();

        Assert.Equal(_provider.DefaultUser.Login, me.Login);
        var refresh = _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, Success = true, Parameters = new Dictionary<string, string> { ["grant_type"] = "refresh_token" },
        });
        Assert.Equal(first.RefreshToken, refresh.Parameter("refresh_token"));
        // The rotated refresh token presented again, as a second app instance with a stale copy would.
        using var replay = await _http.PostAsync(_provider.OAuth2TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken!,
            ["client_id"] = registration.ClientId, ["client_secret"] = registration.Secret!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, Error = "invalid_grant" });
        await Assert.ThrowsAsync<OAuthException>(() => client.GetMeAsync()); // the replay revoked the whole grant
    }

    [Fact]
    public async Task Without_rotation_the_same_refresh_token_is_accepted_again()
    {
        await using var provider = await TestProvider.StartAsync(new TestProviderOptions
        {
            Transport = TestProviderTransport.InMemory, TimeProvider = _clock, RotateRefreshTokens = false,
        });
        using var http = provider.CreateHttpClient();
        var registration = provider.AddOAuth2Client();
        var options = provider.CreateOptions(registration, IKitOAuth2.CreateOptions());
        OAuthToken? current = null;
        options.TokenGetter = (_, _) => ValueTask.FromResult(current);
        var client = IKitOAuth2.Create(http, options);
        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var signedIn = (await client.AuthorizedResponseAsync(await provider.ApproveAsync(redirect.Url), redirect.Pending)).Token!;

        var first = await client.RefreshAsync(signedIn);
        // Once the refreshed access token has expired too, the original refresh token is presented again.
        _clock.Advance(TimeSpan.FromHours(2));
        var second = await client.RefreshAsync(signedIn);
        current = second;
        var me = await client.GetMeAsync();

        Assert.Equal(signedIn.RefreshToken, first.RefreshToken);
        Assert.Equal(signedIn.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(provider.DefaultUser.Login, me.Login);
        var refreshes = provider.RequestsTo(TestEndpoint.OAuth2Token).Where(request => request.Parameter("grant_type") == "refresh_token").ToList();
        Assert.Equal(2, refreshes.Count);
        Assert.All(refreshes, request => Assert.Equal((200, signedIn.RefreshToken), (request.Status, request.Parameter("refresh_token"))));
    }

    [Fact]
    public async Task An_access_token_expired_by_the_test_is_refreshed_and_a_revoked_grant_ends_the_session()
    {
        var client = Client(_provider.AddOAuth2Client());
        var token = await SignInAsync(client);

        Assert.True(_provider.ExpireAccessToken(token.AccessToken));
        var me = await client.GetMeAsync();

        Assert.Equal(_provider.DefaultUser.Login, me.Login);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.Api, Status = 401, Error = "invalid_token" });
        _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, Success = true, Parameters = new Dictionary<string, string> { ["grant_type"] = "refresh_token" },
        });

        Assert.True(_provider.RevokeGrant(token.AccessToken)); // any token of the grant, even the expired one
        await Assert.ThrowsAsync<OAuthException>(() => client.GetMeAsync());
        Assert.Equal(0, _provider.ExpireAccessTokens());
    }

    [Fact]
    public async Task A_code_redeemed_twice_is_refused_and_revokes_what_it_produced()
    {
        var registration = _provider.AddOAuth2Client();
        var client = Client(registration);
        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var callback = await _provider.ApproveAsync(redirect.Url);
        var token = (await client.AuthorizedResponseAsync(callback, redirect.Pending)).Token!;
        // The pending authorization as an app would have stored it in a cookie, replayed into a fresh client.
        var copy = JsonSerializer.Deserialize<PendingAuthorization>(JsonSerializer.Serialize(redirect.Pending))!;

        // A second app instance with its own replay store: the client cannot know, so the provider must refuse.
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            Client(registration, options => options.ReplayStore = new InMemoryReplayStore(_clock)).AuthorizedResponseAsync(callback, copy));

        Assert.Equal("invalid_grant", replay.Error);
        Assert.False(_provider.RevokeGrant(token.AccessToken), "the replay should already have revoked the first token");
    }

    [Fact]
    public async Task Plain_PKCE_is_accepted_only_from_a_client_registered_for_it()
    {
        var allowed = Client(_provider.AddOAuth2Client(allowPlainPkce: true), options => options.CodeChallengeMethod = CodeChallengeMethod.Plain);
        await SignInAsync(allowed);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token, PkceMethod = "plain", PkceVerified = true });

        var strict = Client(_provider.AddOAuth2Client(), options => options.CodeChallengeMethod = CodeChallengeMethod.Plain);
        var redirect = await strict.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var refused = await Assert.ThrowsAsync<OAuthException>(async () =>
            await strict.AuthorizedResponseAsync(await _provider.ApproveAsync(redirect.Url), redirect.Pending));
        Assert.Equal(OAuthErrorType.AuthorizationError, refused.Type);
        _provider.AssertReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Authorize, Error = "invalid_request" });
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_a_redirect()
    {
        var client = Client(_provider.AddOAuth2Client(redirectUris: ["http://127.0.0.1/app/callback"]));
        var redirect = await client.AuthorizeAsync("http://127.0.0.1:5000/app/callback/../evil");

        var refused = await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveAsync(redirect.Url));

        Assert.Contains("400", refused.Message);
        Assert.Contains("redirect_uri", refused.Message);
    }

    [Fact]
    public async Task A_redirect_uri_added_after_start_is_accepted_exactly_and_only_for_its_client()
    {
        var registered = _provider.AddOAuth2Client();
        var other = Client(_provider.AddOAuth2Client());
        var client = Client(registered);
        var localhost = "http://localhost:5123/signin";
        var refusedBefore = await client.AuthorizeAsync(localhost);
        await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveAsync(refusedBefore.Url));

        var changed = _provider.AddRedirectUri(registered, localhost);

        Assert.Equal([TestProvider.DefaultRedirectUri, localhost], changed.RedirectUris);
        var accepted = await client.AuthorizeAsync(localhost);
        Assert.StartsWith(localhost + "?", (await _provider.ApproveAsync(accepted.Url)).AbsoluteUri, StringComparison.Ordinal);
        // localhost is a name, not a loopback literal: another port is another URI, and other clients are unchanged.
        var otherPort = await client.AuthorizeAsync("http://localhost:5124/signin");
        await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveAsync(otherPort.Url));
        var otherClient = await other.AuthorizeAsync(localhost);
        await Assert.ThrowsAsync<TestProviderAssertionException>(() => _provider.ApproveAsync(otherClient.Url));
    }

    [Fact]
    public async Task A_failed_assertion_shows_each_candidate_and_how_it_differed()
    {
        var client = Client(_provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost));
        await SignInAsync(client);

        var failure = Assert.Throws<TestProviderAssertionException>(() => _provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, ClientAuthentication = ClientAuthMethod.ClientSecretBasic, PkceVerified = true,
        }));

        Assert.Contains("Expected: endpoint=OAuth2Token, client authentication=ClientSecretBasic, PKCE verified=true", failure.Message);
        Assert.Contains("#1 POST /oauth2/token -> 200, client auth ClientSecretPost, PKCE S256 verified", failure.Message);
        Assert.Contains("client authentication: expected ClientSecretBasic, was ClientSecretPost", failure.Message);
        Assert.DoesNotContain("PKCE verified: expected", failure.Message);
        Assert.Throws<TestProviderAssertionException>(() => _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Token }));
        _provider.AssertNotReceived(new RequestExpectation { Endpoint = TestEndpoint.OAuth2Revocation });
    }

    [Fact]
    public void Registrations_that_cannot_work_are_refused_before_any_request()
    {
        Assert.Throws<ArgumentException>(() => _provider.AddOAuth2Client(ClientAuthMethod.None, secret: "a public client has none"));
        Assert.Throws<ArgumentException>(() => _provider.AddOAuth1Consumer(SignatureMethod.RsaSha1, secret: "RSA signs with a key"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _provider.AddOAuth1Consumer(SignatureMethod.HmacSha256));
        // Client assertions (RFC 7523) are not verified here, so such a client could only ever fail with invalid_client.
        Assert.Equal("authentication", Assert.Throws<ArgumentOutOfRangeException>(() => _provider.AddOAuth2Client(ClientAuthMethod.PrivateKeyJwt)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretJwt));
        Assert.Equal("alsoAccepted", Assert.Throws<ArgumentOutOfRangeException>(() =>
            _provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic, alsoAccepted: [ClientAuthMethod.ClientSecretPost, ClientAuthMethod.ClientSecretJwt])).ParamName);
        var taken = _provider.AddOAuth2Client();
        Assert.Throws<ArgumentException>(() => _provider.AddOAuth2Client(clientId: taken.ClientId));
        Assert.Throws<ArgumentException>(() => _provider.SignedInUser = new TestUser("99", "ghost", "Ghost", "ghost@example.test"));
        Assert.Empty(_provider.Requests);
    }

    [Fact]
    public void Secrets_stay_out_of_the_registrations_text()
    {
        var confidential = _provider.AddOAuth2Client();
        var consumer = _provider.AddOAuth1Consumer();

        Assert.DoesNotContain(confidential.Secret!, confidential.ToString());
        Assert.DoesNotContain(consumer.Secret!, consumer.ToString());
    }
}
