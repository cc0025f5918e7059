using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.Par;

/// <summary>Pushed authorization requests (RFC 9126) through <see cref="RemoteApp.AuthorizeAsync"/>, against a stub server.</summary>
public sealed class PushedAuthorizationTests
{
    private static RemoteApp App(StubHandler handler, Action<RemoteAppOptions>? configure = null)
    {
        var options = new RemoteAppOptions
        {
            Name = "par-unit",
            AuthorizeUrl = "https://as.example/authorize",
            AccessTokenUrl = "https://as.example/token",
            PushedAuthorizationRequestUrl = "https://as.example/par",
            ConsumerKey = "client",
            ConsumerSecret = "secret",
            ClientAuthMethod = ClientAuthMethod.ClientSecretBasic,
            Scope = "read",
        };
        configure?.Invoke(options);
        return new RemoteApp(new HttpClient(handler), options);
    }

    [Fact]
    public async Task The_parameters_are_pushed_with_client_authentication_and_the_redirect_carries_only_the_request_uri()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("""{"request_uri":"urn:ietf:params:oauth:request_uri:abc","expires_in":90}""", status: HttpStatusCode.Created));
        var before = DateTimeOffset.UtcNow;

        var redirect = await App(handler).AuthorizeAsync("https://client.example/cb", parameters: [new("prompt", "login")]);

        var push = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, push.Method);
        Assert.StartsWith("Basic ", push.Authorization);
        var pushed = FormData.Parse(push.BodyText);
        Assert.Equal("code", pushed["response_type"]);
        Assert.Equal("https://client.example/cb", pushed["redirect_uri"]);
        Assert.Equal("read", pushed["scope"]);
        Assert.Equal(redirect.Pending.State, pushed["state"]);
        Assert.Equal("S256", pushed["code_challenge_method"]);
        Assert.NotNull(pushed["code_challenge"]);
        Assert.Equal("login", pushed["prompt"]);
        Assert.Equal("client", pushed["client_id"]);
        Assert.Null(pushed["client_secret"]);
        Assert.Equal("https://as.example/authorize?client_id=client&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc", redirect.Url.AbsoluteUri);
        Assert.InRange(redirect.RequestUriExpiresAt!.Value, before.AddSeconds(90), DateTimeOffset.UtcNow.AddSeconds(90));
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_request","error_description":"bad redirect"}""", "invalid_request")]
    [InlineData(201, """{"request_uri":"urn:x"}""", null)]
    [InlineData(201, """{"request_uri":"urn:x","expires_in":0}""", null)]
    [InlineData(201, """{"expires_in":60}""", null)]
    public async Task Refusals_and_unusable_answers_are_typed(int status, string body, string? error)
    {
        var handler = new StubHandler(_ => StubHandler.Respond(body, status: (HttpStatusCode)status));
        var failure = await Assert.ThrowsAsync<OAuthException>(() => App(handler).AuthorizeAsync("https://client.example/cb"));
        Assert.Equal(OAuthErrorType.PushedAuthorizationFailed, failure.Type);
        Assert.Equal(error, failure.Error);
    }

    [Fact]
    public async Task Disable_keeps_the_parameters_in_the_redirect_and_Require_without_an_endpoint_fails_before_sending()
    {
        var handler = new StubHandler(_ => throw new InvalidOperationException("nothing may be sent"));
        var plain = await App(handler, o => o.PushedAuthorization = PushedAuthorization.Disable).AuthorizeAsync("https://client.example/cb");
        Assert.Equal("code", FormData.Parse(plain.Url.Query)["response_type"]);
        Assert.Null(plain.RequestUriExpiresAt);

        var required = App(handler, o => { o.PushedAuthorizationRequestUrl = null; o.PushedAuthorization = PushedAuthorization.Require; });
        Assert.Equal(OAuthErrorType.InvalidConfiguration,
            (await Assert.ThrowsAsync<OAuthException>(() => required.AuthorizeAsync("https://client.example/cb"))).Type);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task The_discovered_endpoint_is_used_and_a_servers_requirement_is_honoured()
    {
        var handler = new StubHandler(r => r.Uri.AbsolutePath switch
        {
            "/.well-known/oauth-authorization-server" => StubHandler.Respond("""
                {"issuer":"https://as.example","authorization_endpoint":"https://as.example/authorize","token_endpoint":"https://as.example/token",
                 "pushed_authorization_request_endpoint":"https://as.example/push","require_pushed_authorization_requests":true}
                """),
            _ => StubHandler.Respond("""{"request_uri":"urn:r","expires_in":60}""", status: HttpStatusCode.Created),
        });
        var app = new RemoteApp(new HttpClient(handler), new RemoteAppOptions
        {
            Name = "par-discovered-" + Guid.NewGuid().ToString("N"),
            ServerMetadataUrl = "https://as.example/.well-known/oauth-authorization-server",
            ConsumerKey = "client",
            ClientAuthMethod = ClientAuthMethod.None,
        });

        var redirect = await app.AuthorizeAsync("https://client.example/cb");

        Assert.Equal("https://as.example/push", handler.Requests.Last().Uri.AbsoluteUri);
        Assert.Equal("client", FormData.Parse(handler.Requests.Last().BodyText)["client_id"]);
        Assert.Equal("urn:r", FormData.Parse(redirect.Url.Query)["request_uri"]);
    }

    [Fact]
    public async Task A_private_key_jwt_client_pushes_with_an_assertion_for_the_token_endpoint()
    {
        // RFC 9126 §2: the push authenticates as the token endpoint would, and its server accepts the token endpoint URL
        // as the assertion's audience.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var handler = new StubHandler(_ => StubHandler.Respond("""{"request_uri":"urn:r","expires_in":60}""", status: HttpStatusCode.Created));
        var app = App(handler, o =>
        {
            o.ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt;
            o.ConsumerSecret = null;
            o.ClientAssertionKey = key.ExportPkcs8PrivateKeyPem();
        });

        await app.AuthorizeAsync("https://client.example/cb");

        var pushed = FormData.Parse(Assert.Single(handler.Requests).BodyText);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", pushed["client_assertion_type"]);
        Assert.Null(pushed["client_secret"]);
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(pushed["client_assertion"],
            new Microsoft.IdentityModel.Tokens.TokenValidationParameters
            {
                IssuerSigningKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(key),
                ValidIssuer = "client",
                ValidAudience = "https://as.example/token",
            });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task A_refusal_that_echoes_the_client_secret_or_holds_invalid_text_is_typed_and_masked()
    {
        var handler = new StubHandler(_ => StubHandler.Respond(
            """{"error":"invalid_client","error_description":"secret 'secret' is wrong \ud800"}""", status: HttpStatusCode.BadRequest));
        var echoed = await Assert.ThrowsAsync<OAuthException>(() => App(handler, o => o.ClientAuthMethod = ClientAuthMethod.ClientSecretPost)
            .AuthorizeAsync("https://client.example/cb"));
        Assert.Equal(OAuthErrorType.PushedAuthorizationFailed, echoed.Type);
        Assert.Equal("invalid_client", echoed.Error);
        Assert.Null(echoed.ErrorDescription); // a lone surrogate is not text: treated as absent, never an InvalidOperationException

        const string secret = "s3cr3t-of-the-client";
        var plain = new StubHandler(_ => StubHandler.Respond(
            $$"""{"error":"invalid_client","error_description":"secret '{{secret}}' is wrong"}""", status: HttpStatusCode.BadRequest));
        var masked = await Assert.ThrowsAsync<OAuthException>(() => App(plain, o => o.ConsumerSecret = secret).AuthorizeAsync("https://client.example/cb"));
        Assert.DoesNotContain(secret, masked.Message);
        Assert.DoesNotContain(secret, masked.ErrorDescription);
    }
}
