using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>Process-wide caches and hooks must not let one app's laxer settings or tokens reach another.</summary>
public class SharedStateHardeningTests
{
    [Fact]
    public async Task Client_credentials_tokens_are_not_shared_between_apps_with_different_audiences()
    {
        var issued = 0;
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ =>
            StubHandler.Respond($$"""{"access_token":"at-{{++issued}}","expires_in":3600}"""));
        var name = "auth0-" + Guid.NewGuid().ToString("N");
        var api1 = provider.App(o => { o.Name = name; o.AccessTokenParams["audience"] = "https://api1"; });
        var api2 = provider.App(o => { o.Name = name; o.AccessTokenParams["audience"] = "https://api2"; });

        var first = await api1.ClientCredentialsAsync();
        var second = await api2.ClientCredentialsAsync();
        var again = await api1.ClientCredentialsAsync();

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(first.AccessToken, again.AccessToken); // still cached for the same audience
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task A_PreRequest_hook_cannot_send_credentials_to_plain_http()
    {
        var provider = new FakeProvider().OnApi("me", "at");
        var app = provider.App(o => o.PreRequest = (request, _) =>
        {
            request.RequestUri = new Uri("http://api.example.com/v1/me");
            return ValueTask.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me", token: "at"));

        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task A_pending_authorization_from_the_future_is_refused()
    {
        var app = new FakeProvider().App();
        var pending = (await app.AuthorizeAsync("https://app.example.com/cb")).Pending;
        var forged = pending with { CreatedAt = pending.CreatedAt.AddDays(365) };

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", pending.State!)], forged));

        Assert.Equal(OAuthErrorType.PendingAuthorizationExpired, error.Type);
    }

    [Fact]
    public async Task A_discovered_plain_http_endpoint_is_refused_even_if_a_laxer_app_cached_the_document()
    {
        var issuer = $"https://idp.example.com/tenant-{Guid.NewGuid():N}";
        var metadataUrl = issuer + "/.well-known/oauth-authorization-server";
        var provider = new FakeProvider().On(metadataUrl, _ => StubHandler.Respond($$"""
            {"issuer":"{{issuer}}","authorization_endpoint":"http://idp.example.com/authorize","token_endpoint":"https://idp.example.com/token"}
            """));
        var lax = provider.App(o => { o.AuthorizeUrl = null; o.ServerMetadataUrl = metadataUrl; o.AllowInsecureHttp = true; });
        var strict = provider.App(o => { o.AuthorizeUrl = null; o.ServerMetadataUrl = metadataUrl; });

        try
        {
            await lax.AuthorizeAsync("https://app.example.com/cb");
        }
        catch (OAuthException)
        {
            // Discovery may itself refuse plain-http endpoints; what matters is the strict app below.
        }
        var error = await Assert.ThrowsAsync<OAuthException>(() => strict.AuthorizeAsync("https://app.example.com/cb"));

        Assert.Contains(error.Type, new[] { OAuthErrorType.InvalidConfiguration, OAuthErrorType.DiscoveryFailed });
    }
}

public class ResponseSizeLimitTests
{
    private sealed class EndlessContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context)
        {
            var chunk = new byte[4096];
            for (var i = 0; i < 64; i++) await stream.WriteAsync(chunk); // 256 KiB, with no Content-Length
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body that fails the test if anyone reads it.</summary>
    private sealed class UnreadableContent : HttpContent
    {
        public bool Read { get; private set; }

        protected override Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context)
        {
            Read = true;
            throw new System.IO.IOException("The body was read although its declared length is over the limit.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        var content = new UnreadableContent();
        content.Headers.ContentLength = 10 * 1024 * 1024;
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        var app = new RemoteApp(new HttpClient(handler), FakeProvider.Options(o => o.MaxResponseContentLength = 64 * 1024));

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me", token: "at"));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.False(content.Read);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_refused_with_or_without_a_content_length(bool declared)
    {
        var handler = new StubHandler(_ => declared
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[256 * 1024]) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new EndlessContent() });
        var app = new RemoteApp(new HttpClient(handler), FakeProvider.Options(o => o.MaxResponseContentLength = 64 * 1024));

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me", token: "at"));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Contains("MaxResponseContentLength", error.Message);
    }
}
