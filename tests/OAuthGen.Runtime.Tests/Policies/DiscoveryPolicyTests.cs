using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Policies;

/// <summary>RFC 8414 §3.3, OpenID Connect Discovery §4.3 and RFC 9207: which discovery documents and callbacks are trusted.</summary>
public class DiscoveryPolicyTests
{
    private const string Callback = "https://app.example.com/cb";

    private static string Issuer() => $"https://idp.example.com/tenant-{Guid.NewGuid():N}";

    private static string Metadata(string issuer, string? endpointBase = null, string extra = "") => $$"""
        {"issuer":"{{issuer}}","authorization_endpoint":"{{endpointBase ?? issuer}}/authorize","token_endpoint":"{{endpointBase ?? issuer}}/token"{{extra}}}
        """;

    private static RemoteApp App(FakeProvider provider, string metadataUrl, Action<RemoteAppOptions>? configure = null) =>
        provider.App(o =>
        {
            o.AuthorizeUrl = null;
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = metadataUrl;
            configure?.Invoke(o);
        });

    private static async Task<OAuthException> DiscoveryFails(RemoteApp app)
    {
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync(Callback));
        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        return error;
    }

    [Fact]
    public async Task A_document_without_issuer_is_refused()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(
            $$"""{"authorization_endpoint":"{{issuer}}/authorize","token_endpoint":"{{issuer}}/token"}"""));
        Assert.Contains("no issuer", (await DiscoveryFails(App(provider, url))).Message);
    }

    [Theory]
    [InlineData("//", false)]
    [InlineData("/x/..", false)]
    [InlineData("", true)]
    public async Task The_issuer_must_be_identical_not_equal_after_trimming_slashes(string suffix, bool upperCaseHost)
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var named = (upperCaseHost ? issuer.Replace("idp.example.com", "IDP.example.com") : issuer) + suffix;
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(named, issuer)));
        Assert.Contains("issuer", (await DiscoveryFails(App(provider, url))).Message);
    }

    [Fact]
    public async Task One_terminating_slash_is_the_same_issuer_as_both_specifications_remove_it_to_build_the_url()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(issuer + "/", issuer)));
        Assert.StartsWith(issuer + "/authorize?", (await App(provider, url).AuthorizeAsync(Callback)).Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_non_well_known_url_checks_the_configured_issuer()
    {
        var issuer = Issuer();
        var url = issuer + "/metadata.json";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata("https://idp.example.com/other", issuer)));
        Assert.Contains("issuer", (await DiscoveryFails(App(provider, url, o => o.DiscoveryPolicy.Issuer = issuer))).Message);

        var good = Issuer();
        var goodUrl = good + "/metadata.json";
        provider.On(goodUrl, _ => StubHandler.Respond(Metadata(good)));
        var redirect = await App(provider, goodUrl, o => o.DiscoveryPolicy.Issuer = good).AuthorizeAsync(Callback);
        Assert.StartsWith(good + "/authorize?", redirect.Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_non_well_known_url_without_configured_issuer_needs_an_issuer_of_its_own_origin()
    {
        var url = $"https://idp.example.com/meta-{Guid.NewGuid():N}.json";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata("https://evil.example.net", "https://evil.example.net")));
        Assert.Contains("issuer", (await DiscoveryFails(App(provider, url))).Message);
    }

    [Fact]
    public async Task Endpoints_on_another_host_are_refused_unless_the_policy_allows_the_host()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(issuer, "https://login.example.net/x")));
        Assert.Contains("login.example.net", (await DiscoveryFails(App(provider, url))).Message);

        var other = Issuer();
        var otherUrl = other + "/.well-known/openid-configuration";
        provider.On(otherUrl, _ => StubHandler.Respond(Metadata(other, "https://login.example.net/x")));
        var redirect = await App(provider, otherUrl, o => o.DiscoveryPolicy.AdditionalEndpointHosts.Add("login.example.net")).AuthorizeAsync(Callback);
        Assert.StartsWith("https://login.example.net/x/authorize?", redirect.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Rfc9207_iss_is_required_and_checked_when_the_server_advertises_it()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider()
            .On(url, _ => StubHandler.Respond(Metadata(issuer, extra: ",\"authorization_response_iss_parameter_supported\":true")))
            .On(issuer + "/token", _ => StubHandler.Respond("""{"access_token":"at"}"""));
        var app = App(provider, url);

        var redirect = await app.AuthorizeAsync(Callback);
        Assert.Equal(issuer, redirect.Pending.Issuer);
        var missing = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            [new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        Assert.Equal(OAuthErrorType.IssuerMismatch, missing.Type);

        redirect = await app.AuthorizeAsync(Callback);
        var wrong = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            [new("code", "c"), new("state", redirect.Pending.State!), new("iss", issuer + "/")], redirect.Pending));
        Assert.Equal(OAuthErrorType.IssuerMismatch, wrong.Type);
        Assert.Empty(provider.To(issuer + "/token"));

        redirect = await app.AuthorizeAsync(Callback);
        var result = await app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!), new("iss", issuer)], redirect.Pending);
        Assert.Equal("at", result.Token!.AccessToken);
    }

    [Fact]
    public async Task An_iss_that_is_present_is_checked_even_when_not_advertised()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(issuer)));
        var app = App(provider, url);
        var redirect = await app.AuthorizeAsync(Callback);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            [new("code", "c"), new("state", redirect.Pending.State!), new("iss", "https://evil.example.net")], redirect.Pending));
        Assert.Equal(OAuthErrorType.IssuerMismatch, error.Type);
    }

    [Fact]
    public async Task Documents_are_read_again_after_the_cache_lifetime()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(issuer)));
        var app = App(provider, url, o => o.DiscoveryPolicy.CacheLifetime = TimeSpan.FromMinutes(10));

        await app.AuthorizeAsync(Callback);
        ((FakeTimeProvider)app.Options.TimeProvider).Advance(TimeSpan.FromMinutes(9));
        await app.AuthorizeAsync(Callback);
        Assert.Single(provider.To(url));
        ((FakeTimeProvider)app.Options.TimeProvider).Advance(TimeSpan.FromMinutes(2));
        await app.AuthorizeAsync(Callback);
        Assert.Equal(2, provider.To(url).Count);
    }

    [Fact]
    public async Task A_malformed_revocation_endpoint_fails_only_revocation()
    {
        var issuer = Issuer();
        var url = issuer + "/.well-known/openid-configuration";
        var provider = new FakeProvider().On(url, _ => StubHandler.Respond(Metadata(issuer, extra: ",\"revocation_endpoint\":\"not a url\"")));
        var app = App(provider, url);

        var redirect = await app.AuthorizeAsync(Callback);
        Assert.StartsWith(issuer + "/authorize?", redirect.Url.AbsoluteUri);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.RevokeAsync(new OAuthToken("at")));
        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        Assert.Contains("revocation_endpoint", error.Message);
        Assert.Single(provider.To(url));
    }
}
