using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;

namespace OAuthGen.Runtime.Tests.DPoP;

/// <summary>DPoP through the public surface: proofs on token and resource requests, nonce retries, and the bearer refusal.</summary>
public sealed class DPoPRequestTests
{
    private static RemoteApp App(StubHandler handler, ECDsa key, bool useDPoP = true) => new(new HttpClient(handler), new RemoteAppOptions
    {
        Name = "dpop-unit-" + Guid.NewGuid().ToString("N"),
        BaseUrl = "https://api.example/",
        AccessTokenUrl = "https://as.example/token",
        ConsumerKey = "client",
        ConsumerSecret = "secret",
        UseDPoP = useDPoP,
        DPoPKey = key,
    });

    /// <summary>As AddRemoteApp's clients: authentication in <see cref="RemoteAppAuthenticationHandler"/>, innermost in the chain.</summary>
    private static RemoteApp AppWithHandler(StubHandler handler, ECDsa key)
    {
        var options = App(handler, key).Options;
        return new RemoteApp(new HttpClient(new RemoteAppAuthenticationHandler { InnerHandler = handler }), options);
    }

    private static JsonWebToken Proof(RecordedRequest request) => new(request.Header("DPoP")!);

    [Fact]
    public async Task Token_requests_retry_once_with_the_servers_nonce_and_resources_use_the_DPoP_scheme()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var handler = new StubHandler(r =>
        {
            if (r.Uri.Host == "as.example")
            {
                if (!Proof(r).TryGetPayloadValue<string>("nonce", out var nonce) || nonce != "n-1")
                {
                    var challenge = StubHandler.Respond("""{"error":"use_dpop_nonce"}""", status: HttpStatusCode.BadRequest);
                    challenge.Headers.Add("DPoP-Nonce", "n-1");
                    return challenge;
                }
                return StubHandler.Respond("""{"access_token":"at-1","token_type":"DPoP","expires_in":60}""");
            }
            return StubHandler.Respond("{}");
        });
        var app = App(handler, key);

        var token = await app.ClientCredentialsAsync();
        var response = await app.GetAsync("things?page=2", token: token);

        Assert.Equal("DPoP", token.TokenType);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests.Take(2), r => Assert.Equal("https://as.example/token", Proof(r).GetPayloadValue<string>("htu")));
        Assert.NotEqual(Proof(handler.Requests[0]).Id, Proof(handler.Requests[1]).Id);
        var resource = handler.Requests[2];
        Assert.Equal("DPoP at-1", resource.Authorization);
        Assert.Equal("https://api.example/things", Proof(resource).GetPayloadValue<string>("htu"));
        Assert.Equal("GET", Proof(resource).GetPayloadValue<string>("htm"));
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData("at-1"u8)), Proof(resource).GetPayloadValue<string>("ath"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_resource_nonce_challenge_is_retried_once_and_a_second_one_is_returned(bool handlerInChain)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var answered = 0;
        // Read when sent: with the handler in the chain, the retry re-authenticates the same message.
        var proofs = new System.Collections.Generic.List<JsonWebToken>();
        var handler = new StubHandler(r =>
        {
            answered++;
            proofs.Add(Proof(r));
            var challenge = StubHandler.Respond("", status: HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"nonce\"");
            challenge.Headers.Add("DPoP-Nonce", "rs-" + answered);
            return challenge;
        });
        var app = handlerInChain ? AppWithHandler(handler, key) : App(handler, key);

        var response = await app.GetAsync("me", token: new OAuthToken("at") { TokenType = "DPoP" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(2, handler.Requests.Count);
        Assert.False(proofs[0].TryGetPayloadValue<string>("nonce", out _));
        Assert.Equal("rs-1", proofs[1].GetPayloadValue<string>("nonce"));
        Assert.NotEqual(proofs[0].Id, proofs[1].Id);
    }

    [Fact]
    public async Task An_app_without_DPoP_never_sends_a_DPoP_bound_token()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var handler = new StubHandler(_ => StubHandler.Respond("""{"access_token":"at","token_type":"DPoP"}"""));
        var app = App(handler, key, useDPoP: false);

        await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("me", token: new OAuthToken("at") { TokenType = "DPoP" }));
        Assert.Empty(handler.Requests);
        // Nor accepts one from the token endpoint, even when the policy lists the type.
        var options = app.Options;
        options.TokenTypePolicy.AcceptedTypes.Add("DPoP");
        var lenient = new RemoteApp(new HttpClient(handler), options);
        Assert.Equal(OAuthErrorType.UnsupportedTokenType, (await Assert.ThrowsAsync<OAuthException>(() => lenient.ClientCredentialsAsync())).Type);
    }

    [Fact]
    public async Task Without_a_key_one_P256_key_is_made_per_app_name()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var name = "dpop-generated-" + Guid.NewGuid().ToString("N");
        RemoteApp Create() => new(new HttpClient(handler), new RemoteAppOptions
        {
            Name = name, BaseUrl = "https://api.example/", AccessTokenUrl = "https://as.example/token", ConsumerKey = "c", ConsumerSecret = "s", UseDPoP = true,
        });
        var token = new OAuthToken("at") { TokenType = "DPoP" };

        await Create().GetAsync("a", token: token);
        await Create().GetAsync("a", token: token);

        var keys = handler.Requests.Select(r => Proof(r).GetHeaderValue<System.Text.Json.JsonElement>("jwk").GetRawText()).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.Contains("\"crv\":\"P-256\"", keys[0]);
        Assert.Equal("ES256", Proof(handler.Requests[0]).Alg);
    }
}
