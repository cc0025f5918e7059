using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

/// <summary>
/// An in-memory OpenID Connect provider over <see cref="FakeProvider"/>: discovery, a JWKS of published keys, a token
/// endpoint answering the id_token a test signs, UserInfo and an end-session endpoint. Each instance has its own issuer,
/// so the runtime's process-wide caches never mix tests.
/// </summary>
public sealed class OidcServer
{
    public const string AccessToken = "at-oidc-access-token-1";
    public const string Subject = "user-248289761001";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public OidcServer(string algorithm = "RS256")
    {
        Issuer = $"https://op.example.com/t-{Guid.NewGuid():N}";
        Key = TestSigningKey.Create(algorithm);
        Published = [Key];
        Provider
            .On(MetadataUrl, _ => StubHandler.Respond($$"""
                {"issuer":"{{Issuer}}","authorization_endpoint":"{{Issuer}}/authorize","token_endpoint":"{{Issuer}}/token",
                 "jwks_uri":"{{Issuer}}/jwks","userinfo_endpoint":"{{Issuer}}/userinfo","end_session_endpoint":"{{Issuer}}/logout",
                 "id_token_signing_alg_values_supported":["RS256","PS256","ES256"]}
                """))
            .On(Issuer + "/jwks", _ => StubHandler.Respond($$"""{"keys":[{{string.Join(",", Published.Select(k => k.PublicJwk))}}]}""", "application/jwk-set+json"))
            .On(Issuer + "/token", _ => StubHandler.Respond(TokenResponse))
            .On(Issuer + "/userinfo", request => request.Authorization == "Bearer " + AccessToken
                ? StubHandler.Respond(UserInfoBody, UserInfoContentType)
                : StubHandler.Respond("""{"error":"invalid_token"}""", status: HttpStatusCode.Unauthorized));
    }

    public string Issuer { get; }
    public string MetadataUrl => Issuer + "/.well-known/openid-configuration";
    public FakeProvider Provider { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    public TestSigningKey Key { get; set; }
    public List<TestSigningKey> Published { get; set; }
    public string TokenResponse { get; set; } = "{}";
    public string UserInfoBody { get; set; } = $$"""{"sub":"{{Subject}}","name":"Jane Doe","email":"jane@example.com"}""";
    public string UserInfoContentType { get; set; } = "application/json";

    public int JwksReads => Provider.To(Issuer + "/jwks").Count;

    /// <summary>An app that discovers this server and asks for openid.</summary>
    public RemoteApp App(Action<RemoteAppOptions>? configure = null) => Provider.App(o =>
    {
        o.AuthorizeUrl = null;
        o.AccessTokenUrl = null;
        o.ServerMetadataUrl = MetadataUrl;
        o.Scope = "openid profile";
        o.TimeProvider = Time;
        configure?.Invoke(o);
    });

    /// <summary>The claims of a valid id_token for the flow that sent <paramref name="nonce"/>.</summary>
    public Dictionary<string, object> Claims(string? nonce)
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = FakeProvider.ClientId,
            ["sub"] = Subject,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["name"] = "Jane Doe",
        };
        if (nonce is not null) claims["nonce"] = nonce;
        return claims;
    }

    public string Sign(Dictionary<string, object> claims, TestSigningKey? key = null)
    {
        key ??= Key;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, key.Algorithm),
        });
    }

    /// <summary>The at_hash of <paramref name="accessToken"/> for a SHA-256 algorithm (OIDC Core §3.1.3.6).</summary>
    public static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash, 0, 16);
    }

    /// <summary>Runs a sign-in whose token response carries the id_token built from the default claims changed by <paramref name="change"/>.</summary>
    public async Task<AuthorizationResult> SignInAsync(RemoteApp app, Action<Dictionary<string, object>>? change = null, TestSigningKey? key = null)
    {
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        var claims = Claims(redirect.Pending.Nonce);
        change?.Invoke(claims);
        TokenResponse = $$"""{"access_token":"{{AccessToken}}","token_type":"Bearer","expires_in":3600,"id_token":"{{Sign(claims, key)}}"}""";
        return await app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending);
    }
}
