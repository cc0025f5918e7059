using System;
using System.Net;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class DiscoveryTests
{
    private static string Issuer() => $"https://idp.example.com/tenant-{Guid.NewGuid():N}";

    private static string Metadata(string issuer) => $$"""
        {"issuer":"{{issuer}}","authorization_endpoint":"{{issuer}}/authorize","token_endpoint":"{{issuer}}/token",
         "revocation_endpoint":"{{issuer}}/revoke","response_types_supported":["code"]}
        """;

    private static RemoteApp App(FakeProvider provider, string metadataUrl, Action<RemoteAppOptions>? configure = null) =>
        provider.App(o =>
        {
            o.AuthorizeUrl = null;
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = metadataUrl;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task OpenId_metadata_supplies_the_endpoints_and_is_fetched_once_per_process()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider()
            .On(url, _ => StubHandler.Respond(Metadata(issuer)))
            .On(issuer + "/token", _ => StubHandler.Respond("""{"access_token":"at"}"""))
            .On(issuer + "/revoke", _ => StubHandler.Respond("", null));

        var redirect = await App(provider, url).AuthorizeAsync("https://app.example.com/cb");
        Assert.StartsWith(issuer + "/authorize?response_type=code&", redirect.Url.AbsoluteUri);
        // A new client of the same app handles the callback; a client of another app revokes: none fetches the document again.
        var token = (await App(provider, url, o => o.Name = redirect.Pending.AppName).AuthorizedResponseAsync(
            [new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending)).Token;
        await App(provider, url).RevokeAsync(token!);

        Assert.Single(provider.To(url));
        Assert.Single(provider.To(issuer + "/token"));
        Assert.Single(provider.To(issuer + "/revoke"));
    }

    [Fact]
    public async Task Rfc8414_metadata_works_and_explicit_urls_win()
    {
        var issuer = Issuer();
        var url = "https://idp.example.com/.well-known/oauth-authorization-server" + new Uri(issuer).AbsolutePath;
        var provider = new FakeProvider()
            .On(url, _ => StubHandler.Respond(Metadata(issuer)))
            .OnToken("""{"access_token":"explicit"}""");
        var app = App(provider, url, o => o.AccessTokenUrl = FakeProvider.TokenUrl);

        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        Assert.StartsWith(issuer + "/authorize?", redirect.Url.AbsoluteUri);
        Assert.Equal("explicit", (await app.ClientCredentialsAsync()).AccessToken);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task No_fetch_at_all_when_every_url_is_explicit()
    {
        var url = Issuer() + "/.well-known/openid-configuration";
        var provider = new FakeProvider();
        await provider.App(o => o.ServerMetadataUrl = url).AuthorizeAsync("https://app.example.com/cb");
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task Failures_are_discovery_failed_and_retried_on_the_next_call()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond("<html>maintenance</html>", "text/html", HttpStatusCode.ServiceUnavailable));
        var error = await Assert.ThrowsAsync<OAuthException>(() => App(provider, url).AuthorizeAsync("https://app.example.com/cb"));
        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        Assert.Contains("503", error.Message);

        provider.On(url, _ => StubHandler.Respond(Metadata(issuer)));
        await App(provider, url).AuthorizeAsync("https://app.example.com/cb");
        Assert.Equal(2, provider.To(url).Count);
    }

    [Theory]
    [InlineData("""{"issuer":"https://evil.example.com","authorization_endpoint":"https://evil.example.com/authorize"}""", "issuer")]
    [InlineData("""{"issuer":"{issuer}","authorization_endpoint":"http://idp.example.com/authorize"}""", "plain http")]
    [InlineData("""{"issuer":"{issuer}","token_endpoint":"https://idp.example.com/token"}""", "authorization_endpoint")]
    [InlineData("""{"authorization_endpoint":"https://idp.example.com/authorize"}""", "no issuer")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"issuer":""", "valid JSON")]
    public async Task Bad_documents_are_discovery_failed(string document, string expectedInMessage)
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(document.Replace("{issuer}", issuer)));
        var error = await Assert.ThrowsAsync<OAuthException>(() => App(provider, url).AuthorizeAsync("https://app.example.com/cb"));
        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        Assert.Contains(expectedInMessage, error.Message);
    }

    [Fact]
    public async Task Without_discovery_a_flow_fails_naming_the_endpoint_it_needs()
    {
        var app = new RemoteApp(new FakeProvider().Client(), FakeProvider.Options(o => { o.AuthorizeUrl = null; o.AccessTokenUrl = null; }));

        var authorize = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://app.example.com/cb"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, authorize.Type);
        Assert.Contains("AuthorizeUrl", authorize.Message);

        var token = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidConfiguration, token.Type);
        Assert.Contains("AccessTokenUrl", token.Message);
    }
}
