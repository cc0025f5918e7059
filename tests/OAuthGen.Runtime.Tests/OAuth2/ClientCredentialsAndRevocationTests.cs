using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class ClientCredentialsAndRevocationTests
{
    private static FakeProvider CountingTokenEndpoint(Func<int, string>? json = null)
    {
        var count = 0;
        var provider = new FakeProvider();
        return provider.On(FakeProvider.TokenUrl, _ =>
        {
            var n = Interlocked.Increment(ref count);
            return StubHandler.Respond(json?.Invoke(n) ?? $$"""{"access_token":"cc-{{n}}","token_type":"bearer","expires_in":600}""");
        });
    }

    [Fact]
    public async Task Client_credentials_token_is_fetched_once_and_shared_by_every_client_of_the_app()
    {
        var provider = CountingTokenEndpoint();
        var options = FakeProvider.Options(o => { o.Scope = "api.read"; o.AccessTokenParams["audience"] = "https://api.example.com"; });

        var first = await new RemoteApp(provider.Client(), options).ClientCredentialsAsync();
        var second = await new RemoteApp(provider.Client(), options).ClientCredentialsAsync();

        Assert.Equal("cc-1", first.AccessToken);
        Assert.Same(first, second);
        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        var form = request.Form();
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("api.read", form["scope"]);
        Assert.Equal("https://api.example.com", form["audience"]);
        Assert.Equal(FakeProvider.ClientSecret, form["client_secret"]);
    }

    [Fact]
    public async Task Client_credentials_tokens_are_cached_per_scope_and_refetched_on_expiry()
    {
        var provider = CountingTokenEndpoint();
        var app = provider.App();

        Assert.Equal("cc-1", (await app.ClientCredentialsAsync("a")).AccessToken);
        Assert.Equal("cc-2", (await app.ClientCredentialsAsync("b")).AccessToken);
        Assert.Equal("cc-1", (await app.ClientCredentialsAsync("a")).AccessToken);

        app.Clock().Advance(TimeSpan.FromSeconds(541)); // 600 s lifetime minus the 60 s leeway has passed
        Assert.Equal("cc-3", (await app.ClientCredentialsAsync("a")).AccessToken);
        Assert.Equal(3, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task Client_credentials_failures_are_typed_and_not_cached()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond("""{"error":"invalid_client"}""", status: HttpStatusCode.Unauthorized));
        var app = provider.App();
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_client", error.Error);

        provider.OnToken("""{"access_token":"cc-ok"}""");
        Assert.Equal("cc-ok", (await app.ClientCredentialsAsync()).AccessToken);
    }

    [Fact]
    public async Task Revoke_sends_the_refresh_token_with_its_hint_and_client_authentication()
    {
        var provider = new FakeProvider().On(FakeProvider.RevocationUrl, _ => StubHandler.Respond("", null));
        var app = provider.App(o => { o.RevocationUrl = FakeProvider.RevocationUrl; o.ClientAuthMethod = ClientAuthMethod.ClientSecretBasic; });

        await app.RevokeAsync(new OAuthToken("at-1") { RefreshToken = "rt-1" });
        await app.RevokeAsync(new OAuthToken("at-2"));

        var requests = provider.To(FakeProvider.RevocationUrl);
        Assert.Equal("token=rt-1&token_type_hint=refresh_token", requests[0].BodyText);
        Assert.Equal("token=at-2&token_type_hint=access_token", requests[1].BodyText);
        Assert.StartsWith("Basic ", requests[0].Authorization);
    }

    [Fact]
    public async Task Revocation_errors_are_typed_and_a_missing_endpoint_is_a_configuration_error()
    {
        var provider = new FakeProvider().On(FakeProvider.RevocationUrl, _ =>
            StubHandler.Respond("""{"error":"unsupported_token_type"}""", status: HttpStatusCode.BadRequest));
        var app = provider.App(o => o.RevocationUrl = FakeProvider.RevocationUrl);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.RevokeAsync("at"));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("unsupported_token_type", error.Error);

        var unconfigured = await Assert.ThrowsAsync<OAuthException>(() => provider.App().RevokeAsync("at"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, unconfigured.Type);
    }

    [Fact]
    public async Task A_revoked_client_credentials_token_is_not_handed_out_again()
    {
        var provider = CountingTokenEndpoint().On(FakeProvider.RevocationUrl, _ => StubHandler.Respond("", null));
        var app = provider.App(o => o.RevocationUrl = FakeProvider.RevocationUrl);
        var token = await app.ClientCredentialsAsync();
        await app.RevokeAsync(token);
        Assert.Equal("cc-2", (await app.ClientCredentialsAsync()).AccessToken);
    }
}
