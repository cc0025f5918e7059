using System;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

public class UserInfoAndEndSessionTests
{
    [Fact]
    public async Task UserInfo_returns_the_claims_of_the_signed_in_user()
    {
        var server = new OidcServer();
        var app = server.App();
        var result = await server.SignInAsync(app);
        var info = await app.UserInfoAsync(result.Token!, result.IdToken!.Subject);
        Assert.Equal(OidcServer.Subject, info.Subject);
        Assert.Equal("jane@example.com", info.Claim("email"));
        Assert.Equal("Bearer " + OidcServer.AccessToken, server.Provider.To(server.Issuer + "/userinfo")[0].Authorization);
    }

    [Fact]
    public async Task UserInfo_about_another_subject_is_refused()
    {
        var server = new OidcServer { UserInfoBody = """{"sub":"someone-else","email":"mallory@example.com"}""" };
        var app = server.App();
        var result = await server.SignInAsync(app);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.UserInfoAsync(result.Token!, result.IdToken!.Subject));
        Assert.Equal(OAuthErrorType.UserInfoInvalid, error.Type);
        Assert.Contains("sub", error.Message);
    }

    [Theory]
    [InlineData("""{"name":"no sub"}""", "application/json", "no sub")]
    [InlineData("""["not","an","object"]""", "application/json", "not a JSON object")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "application/jwt", "JWT")]
    public async Task Unusable_userinfo_responses_are_refused(string body, string contentType, string reason)
    {
        var server = new OidcServer { UserInfoBody = body, UserInfoContentType = contentType };
        var app = server.App();
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.UserInfoAsync(new OAuthToken(OidcServer.AccessToken), OidcServer.Subject));
        Assert.Equal(OAuthErrorType.UserInfoInvalid, error.Type);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task UserInfo_with_a_rejected_token_is_an_http_error()
    {
        var server = new OidcServer();
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.App().UserInfoAsync(new OAuthToken("wrong"), OidcServer.Subject));
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task UserInfo_needs_the_expected_subject()
    {
        var server = new OidcServer();
        await Assert.ThrowsAsync<ArgumentException>(() => server.App().UserInfoAsync(new OAuthToken(OidcServer.AccessToken), ""));
        Assert.Empty(server.Provider.To(server.Issuer + "/userinfo"));
    }

    [Fact]
    public async Task The_end_session_url_comes_from_discovery_with_hint_client_redirect_and_state()
    {
        var server = new OidcServer();
        var app = server.App();
        var url = await app.EndSessionUrlAsync("the.id.token", "https://app.example.com/signed-out", "s1");
        Assert.Equal(server.Issuer + "/logout?id_token_hint=the.id.token&client_id=" + FakeProvider.ClientId +
            "&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fsigned-out&state=s1", url.AbsoluteUri);
    }

    [Fact]
    public async Task The_configured_end_session_url_wins_and_a_missing_one_is_a_configuration_error()
    {
        var configured = await new FakeProvider().App(o => o.EndSessionUrl = "https://auth.example.com/logout").EndSessionUrlAsync();
        Assert.Equal("https://auth.example.com/logout?client_id=" + FakeProvider.ClientId, configured.AbsoluteUri);

        var error = await Assert.ThrowsAsync<OAuthException>(() => new FakeProvider().App().EndSessionUrlAsync());
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("EndSessionUrl", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => new FakeProvider().App().EndSessionUrlAsync(postLogoutRedirectUri: "/relative"));
    }
}
