using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen;

/// <summary>
/// A JWT client assertion (RFC 7523 §2.2 and §3, OpenID Connect Core §9): <c>iss</c> and <c>sub</c> are the client id,
/// <c>aud</c> the token endpoint (or <see cref="RemoteAppOptions.ClientAssertionAudience"/>), a fresh 256-bit
/// <c>jti</c> from a CSPRNG, <c>iat</c> now and <c>exp</c> <see cref="RemoteAppOptions.ClientAssertionLifetime"/> later on
/// the app's clock. A new assertion for every request, so a server that remembers each <c>jti</c> never sees one twice.
/// </summary>
internal static class ClientAssertion
{
    /// <summary>The <c>client_assertion_type</c> of a JWT bearer assertion (RFC 7523 §2.2).</summary>
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>A signed assertion for <paramref name="clientId"/> addressed to <paramref name="audience"/>.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidConfiguration"/> when the app has no usable key or secret.</exception>
    public static string Create(RemoteAppOptions options, string clientId, string audience)
    {
        using var key = ClientAssertionKey.For(options);
        var now = options.TimeProvider.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.ClientAssertionLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = NewJti(),
            },
            SigningCredentials = key.Credentials,
        };
        try
        {
            // Times come from the app's TimeProvider only (no nbf: a server whose clock runs behind would refuse the assertion).
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or CryptographicException or NotSupportedException)
        {
            // The key was checked when the app was created; what the signing library still refuses is a configuration fault.
            throw new OAuthException(OAuthErrorType.InvalidConfiguration,
                $"Remote app '{options.Name}' could not sign its client assertion with {key.Credentials.Algorithm} ({e.GetType().Name}).", innerException: e);
        }
    }

    private static string NewJti() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
