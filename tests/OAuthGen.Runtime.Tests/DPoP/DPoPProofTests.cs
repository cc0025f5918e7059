using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen.Runtime.Tests.DPoP;

/// <summary>The shape of DPoP proofs (RFC 9449 §4.2) and JWK thumbprints (RFC 7638), each proof validated by JsonWebTokenHandler.</summary>
public sealed class DPoPProofTests
{
    /// <summary>RFC 7638 §3.1: the RSA key of the example and its thumbprint.</summary>
    [Fact]
    public void The_thumbprint_of_RFC_7638s_example_key_is_the_published_one()
    {
        const string n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", DPoPPublicKey.ThumbprintOf(("e", "AQAB"), ("kty", "RSA"), ("n", n)));

        // The same key loaded as an RSA object goes through the key's own path.
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(n), Exponent = Base64UrlEncoder.DecodeBytes("AQAB") });
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", DPoPPublicKey.Of(rsa).Thumbprint);
    }

    [Fact]
    public void The_EC_thumbprint_is_Microsoft_IdentityModels()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key));
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), DPoPPublicKey.Of(key).Thumbprint);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task A_proof_validates_and_has_RFC_9449s_members(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "ES256" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var proofs = new DPoPProofs(key);
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        proofs.RememberNonce(new Uri("https://server.example/"), "eyJ7S_zG.eyJH0-Z.HX4w-7v");

        var proof = proofs.Create(HttpMethod.Post, new Uri("https://server.example/resource/x?q=1#frag"), "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", now);

        var securityKey = key is ECDsa ec ? (SecurityKey)new ECDsaSecurityKey(ec) : new RsaSecurityKey((RSA)key);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(proof, new TokenValidationParameters
        {
            IssuerSigningKey = securityKey,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["dpop+jwt"],
            ValidAlgorithms = [algorithm],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("dpop+jwt", token.Typ);
        Assert.Equal(algorithm, token.Alg);
        Assert.Equal("POST", token.GetPayloadValue<string>("htm"));
        Assert.Equal("https://server.example/resource/x", token.GetPayloadValue<string>("htu"));
        Assert.Equal(now.ToUnixTimeSeconds(), token.GetPayloadValue<long>("iat"));
        Assert.Equal("eyJ7S_zG.eyJH0-Z.HX4w-7v", token.GetPayloadValue<string>("nonce"));
        Assert.Equal(22, token.Id.Length);
        // RFC 9449 §7.1's example: this access token's ath.
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", token.GetPayloadValue<string>("ath"));

        // The header's jwk is the public key alone, and its thumbprint is the key's.
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(proof.Split('.')[0]));
        var jwk = header.RootElement.GetProperty("jwk");
        Assert.False(jwk.TryGetProperty("d", out _));
        var imported = new Microsoft.IdentityModel.Tokens.JsonWebKey(jwk.GetRawText());
        Assert.Equal(proofs.PublicKey.Thumbprint, Base64UrlEncoder.Encode(imported.ComputeJwkThumbprint()));
    }

    [Fact]
    public void Every_proof_has_its_own_jti_and_token_requests_have_no_ath()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var proofs = new DPoPProofs(key);
        var ids = Enumerable.Range(0, 50).Select(_ => new JsonWebToken(proofs.Create(HttpMethod.Get, new Uri("https://a.example/t"), null, DateTimeOffset.UtcNow)))
            .Select(t => { Assert.False(t.TryGetPayloadValue<string>("ath", out _)); Assert.False(t.TryGetPayloadValue<string>("nonce", out _)); return t.Id; })
            .ToHashSet();
        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public void Keys_that_cannot_sign_ES256_or_RS256_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var small = RSA.Create(1024);
        Assert.Equal(OAuthErrorType.DPoPFailed, Assert.Throws<OAuthException>(() => DPoPPublicKey.Of(p384)).Type);
        Assert.Equal(OAuthErrorType.DPoPFailed, Assert.Throws<OAuthException>(() => DPoPPublicKey.Of(small)).Type);
    }
}
