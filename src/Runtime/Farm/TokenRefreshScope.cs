using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen;

/// <summary>What a refresh is about, for <see cref="ITokenRefreshCoordinator"/>.</summary>
/// <param name="Key">The token's app and name (the store key).</param>
/// <param name="Token">The token being refreshed; it has a refresh token.</param>
/// <param name="Store">The store the token came from and the refreshed one is saved to; <see langword="null"/> when the
/// caller owns the token (<see cref="IRemoteApp.RefreshAsync"/>, an explicit token, a token getter).</param>
/// <param name="ClientId">The app's client identifier (<see cref="RemoteAppOptions.ConsumerKey"/>).</param>
/// <remarks><see cref="ToString"/> never shows the tokens.</remarks>
public sealed record TokenRefreshScope(TokenRequest Key, OAuthToken Token, ITokenStore? Store, string? ClientId)
{
    /// <summary>
    /// Identifies the refresh token without revealing it: a SHA-256 (64 lowercase hexadecimal characters) over the app,
    /// the client and the refresh token. Every process holding the same refresh token computes the same value, so it can
    /// name a lock or a record of the refresh's result.
    /// </summary>
    public string RefreshTokenHash { get; } = Hash(Key.AppName, ClientId, Token.RefreshToken
        ?? throw new ArgumentException("The token has no refresh token.", nameof(Token)));

    /// <summary>Describes the scope without its tokens.</summary>
    public override string ToString() =>
        $"TokenRefreshScope {{ AppName = {Key.AppName}, TokenName = {Key.TokenName ?? "(default)"}, Stored = {Store is not null} }}";

    private static string Hash(string appName, string? clientId, string refreshToken)
    {
        // Length-prefixed parts: no two (app, client, token) triples share a text.
        var text = string.Create(CultureInfo.InvariantCulture,
            $"oauthgen-refresh-v1|{appName.Length}:{appName}|{clientId?.Length ?? -1}:{clientId}|{refreshToken.Length}:{refreshToken}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
