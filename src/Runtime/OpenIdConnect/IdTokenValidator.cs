using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen;

/// <summary>
/// The id_token checks of OIDC Core §3.1.3.7 for the code flow: signature against the issuer's JWKS (the algorithms of
/// <see cref="OpenIdConnectPolicy.AllowedAlgorithms"/>), iss, aud, azp, exp/nbf/iat within
/// <see cref="OpenIdConnectPolicy.ClockSkew"/> on the app's clock, nonce, and at_hash when present. The JOSE work is
/// Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/>; this type chooses the parameters and names what failed.
/// </summary>
internal sealed class IdTokenValidator(RemoteApp app, OAuth2Endpoints endpoints)
{
    private static readonly JsonWebTokenHandler Handler = new();

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Validates the id_token of <paramref name="token"/>, the answer to the flow <paramref name="pending"/> started.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.IdTokenInvalid"/> naming the failed check;
    /// <see cref="OAuthErrorType.DiscoveryFailed"/> when the issuer's keys cannot be read;
    /// <see cref="OAuthErrorType.InvalidConfiguration"/> when no issuer is known.</exception>
    public async Task<IdToken> ValidateAsync(OAuthToken token, PendingAuthorization pending, CancellationToken cancellationToken)
    {
        if (!token.Extra.TryGetValue("id_token", out var raw) || raw.Length == 0)
        {
            throw Invalid("id_token", "the token response has none, though the flow asked for the openid scope (OIDC Core §3.1.3.3)");
        }
        var policy = Options.OpenIdConnectPolicy;
        var issuer = await ExpectedIssuerAsync(pending, cancellationToken).ConfigureAwait(false);
        var clientId = RemoteAppOptionsValidator.RequireCredential(Options, Options.ConsumerKey, nameof(RemoteAppOptions.ConsumerKey));

        JsonWebToken header;
        try
        {
            header = new JsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            throw Invalid("format", "it is not a compact JWS (three base64url parts)");
        }
        if (header.IsEncrypted) throw Invalid("format", "it is encrypted (JWE), which this client does not decrypt");
        if (!policy.AllowedAlgorithms.Contains(header.Alg, StringComparer.Ordinal))
        {
            throw Invalid("alg", $"it is signed with '{header.Alg}', not one of OpenIdConnectPolicy.AllowedAlgorithms ({string.Join(", ", policy.AllowedAlgorithms)})");
        }

        var jwksUrl = await endpoints.JwksAsync(cancellationToken).ConfigureAwait(false);
        var kid = string.IsNullOrEmpty(header.Kid) ? null : header.Kid;
        var keys = await SigningKeyCache.GetAsync(app, jwksUrl, kid, cancellationToken).ConfigureAwait(false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = policy.AllowedAlgorithms.ToList(),
            ClockSkew = policy.ClockSkew,
            // The app's clock, not the machine's: tests and hosts with their own TimeProvider see consistent expiry.
            LifetimeValidator = CheckLifetime,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
        };
        try
        {
            var result = await Handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
            if (!result.IsValid) throw Invalid(result.Exception, kid);
            return Claims((JsonWebToken)result.SecurityToken, raw, token.AccessToken, pending, clientId, policy);
        }
        catch (Exception e) when (e is not OAuthException and not OperationCanceledException)
        {
            // Whatever a hostile token makes the JOSE library or the claim readers throw, it is a refused id_token:
            // out of the library come only OAuthExceptions.
            throw Invalid("format", $"its claims could not be read ({e.GetType().Name})");
        }
    }

    /// <summary>The checks IdentityModel leaves to the relying party, then the claims as the caller sees them.</summary>
    private IdToken Claims(JsonWebToken jwt, string raw, string accessToken, PendingAuthorization pending, string clientId, OpenIdConnectPolicy policy)
    {
        var subject = jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrEmpty(sub)
            ? sub
            : throw Invalid("sub", "it has no subject (OIDC Core §2 requires one)");
        CheckIssuedAt(jwt, policy);
        var audiences = jwt.Audiences.ToList();
        CheckAuthorizedParty(jwt, audiences, clientId);
        CheckNonce(jwt, pending);
        CheckAccessTokenHash(jwt, accessToken);

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return new IdToken
        {
            Subject = subject,
            Issuer = jwt.Issuer,
            Audiences = audiences,
            ExpiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            IssuedAt = new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero),
            AuthenticatedAt = jwt.TryGetPayloadValue<long>("auth_time", out var authTime) ? DateTimeOffset.FromUnixTimeSeconds(authTime) : null,
            Nonce = jwt.TryGetPayloadValue<string>("nonce", out var nonce) ? nonce : null,
            Claims = payload.RootElement.Clone(),
            RawToken = raw,
        };
    }

    /// <summary>
    /// The issuer the id_token must name: the verified issuer the authorization request went to, else the verified issuer of
    /// the app's discovery document, else <see cref="OpenIdConnectPolicy.Issuer"/>.
    /// </summary>
    private async Task<string> ExpectedIssuerAsync(PendingAuthorization pending, CancellationToken cancellationToken)
    {
        if (pending.Issuer is { } issuer) return issuer;
        if (await endpoints.MetadataAsync(cancellationToken).ConfigureAwait(false) is { } metadata) return metadata.VerifiedIssuer(app);
        return Options.OpenIdConnectPolicy.Issuer ?? throw new OAuthException(OAuthErrorType.InvalidConfiguration,
            $"Remote app '{Options.Name}' asked for the openid scope but knows no issuer to check the id_token's iss against; " +
            "set ServerMetadataUrl (discovery) or OpenIdConnectPolicy.Issuer.");
    }

    /// <summary>exp (required) and nbf against the app's <see cref="RemoteAppOptions.TimeProvider"/>, within the clock skew.</summary>
    private bool CheckLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = Options.TimeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry) throw new SecurityTokenNoExpirationException("exp");
        // The skew moves "now", not the token's times: those may be DateTime.MinValue or MaxValue (absent or far-off claims).
        if (notBefore is { } start && start > now + parameters.ClockSkew) throw new SecurityTokenNotYetValidException("nbf") { NotBefore = start };
        if (expiry < now - parameters.ClockSkew) throw new SecurityTokenExpiredException("exp") { Expires = expiry };
        return true;
    }

    /// <summary>iat is required (OIDC Core §2) and must not lie in the future beyond the clock skew.</summary>
    private void CheckIssuedAt(JsonWebToken jwt, OpenIdConnectPolicy policy)
    {
        if (!jwt.TryGetPayloadValue<long>("iat", out _)) throw Invalid("iat", "it has no issue time (OIDC Core §2 requires one)");
        var issuedAt = new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
        if (issuedAt > Options.TimeProvider.GetUtcNow() + policy.ClockSkew)
        {
            throw Invalid("iat", "it was issued in the future, beyond OpenIdConnectPolicy.ClockSkew");
        }
    }

    /// <summary>OIDC Core §3.1.3.7 steps 4–5: with several audiences azp must be there; when there, it must be this client.</summary>
    private void CheckAuthorizedParty(JsonWebToken jwt, System.Collections.Generic.List<string> audiences, string clientId)
    {
        var hasAzp = jwt.TryGetPayloadValue<string>("azp", out var azp);
        if (audiences.Count > 1 && !hasAzp) throw Invalid("azp", "it has several audiences and no authorized party");
        if (hasAzp && !string.Equals(azp, clientId, StringComparison.Ordinal)) throw Invalid("azp", "its authorized party is another client");
    }

    /// <summary>OIDC Core §3.1.3.7 step 11: the nonce must be the one this flow sent.</summary>
    private void CheckNonce(JsonWebToken jwt, PendingAuthorization pending)
    {
        if (pending.Nonce is not { } expected) return;
        if (!jwt.TryGetPayloadValue<string>("nonce", out var nonce)) throw Invalid("nonce", "it has no nonce, though the flow sent one");
        if (!EchoedValue.Matches(expected, nonce)) throw Invalid("nonce", "its nonce is not the one this flow sent (a replayed or injected token)");
    }

    /// <summary>
    /// OIDC Core §3.2.2.9, used by §3.1.3.8 when at_hash is present: the left half of the hash of the access token's ASCII
    /// octets, with the hash of the JWS algorithm (SHA-256 for RS256/PS256/ES256), base64url-encoded.
    /// </summary>
    private void CheckAccessTokenHash(JsonWebToken jwt, string accessToken)
    {
        if (!jwt.TryGetPayloadValue<string>("at_hash", out var atHash)) return;
        var octets = Encoding.ASCII.GetBytes(accessToken);
        byte[] hash = jwt.Alg[^3..] switch
        {
            "256" => SHA256.HashData(octets),
            "384" => SHA384.HashData(octets),
            "512" => SHA512.HashData(octets),
            _ => throw Invalid("at_hash", $"its algorithm '{jwt.Alg}' names no hash to check it with"),
        };
        var expected = Base64UrlEncoder.Encode(hash, 0, hash.Length / 2);
        if (!EchoedValue.Matches(expected, atHash)) throw Invalid("at_hash", "it does not match the access token issued with it");
    }

    /// <summary>Names the check IdentityModel reports as failed; its message is not used (it may quote token parts).</summary>
    private OAuthException Invalid(Exception? failure, string? kid) => failure switch
    {
        SecurityTokenSignatureKeyNotFoundException => Invalid("signature",
            kid is null ? "no key of the issuer's JWKS verifies it" : "no key of the issuer's JWKS has its kid (the JWKS is read again for an unknown kid at most once per OpenIdConnectPolicy.JwksRefreshMinInterval)"),
        SecurityTokenInvalidSignatureException => Invalid("signature", "it does not verify with the issuer's key"),
        SecurityTokenInvalidAlgorithmException => Invalid("alg", "it is signed with an algorithm OpenIdConnectPolicy.AllowedAlgorithms does not allow"),
        SecurityTokenInvalidIssuerException => Invalid("iss", "its issuer is not the authorization server the flow went to"),
        SecurityTokenInvalidAudienceException => Invalid("aud", "its audience does not include this client's id"),
        SecurityTokenExpiredException => Invalid("exp", "it has expired (beyond OpenIdConnectPolicy.ClockSkew)"),
        SecurityTokenNotYetValidException => Invalid("nbf", "it is not valid yet (beyond OpenIdConnectPolicy.ClockSkew)"),
        SecurityTokenNoExpirationException => Invalid("exp", "it has no expiry (OIDC Core §2 requires one)"),
        SecurityTokenInvalidLifetimeException => Invalid("exp", "its lifetime is invalid (nbf after exp)"),
        SecurityTokenMalformedException => Invalid("format", "it is not a well-formed JWS"),
        _ => Invalid("validation", $"it failed validation ({failure?.GetType().Name ?? "no reason given"})"),
    };

    private OAuthException Invalid(string check, string reason) =>
        new(OAuthErrorType.IdTokenInvalid,
            $"The id_token for '{Options.Name}' failed the {check} check: {reason}. It was refused; start the sign-in again.");
}
