using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.AspNetCore;

/// <summary>
/// Where a signed-in user's token lives: in the authentication properties of their sign-in (the cookie), under the
/// names ASP.NET Core's own handlers use (<c>access_token</c>, <c>refresh_token</c>, <c>token_type</c>,
/// <c>expires_at</c>, so <c>HttpContext.GetTokenAsync("access_token")</c> works as usual), plus the OAuth 1.0a
/// <c>access_token_secret</c> and the granted <c>scope</c>. Provider extras are not kept (the cookie stays small); map
/// what you need to claims at sign-in.
/// </summary>
public static class SignedInTokens
{
    /// <summary>The properties item naming the <see cref="RemoteAppOptions.Name"/> of the app the user signed in with.</summary>
    public const string AppNameItem = ".oauthgen.app";

    private const string AccessToken = "access_token";
    private const string Secret = "access_token_secret";
    private const string RefreshToken = "refresh_token";
    private const string TokenType = "token_type";
    private const string ExpiresAt = "expires_at";
    private const string Scope = "scope";

    /// <summary>The app <paramref name="properties"/> belong to, when a remote-app scheme signed the user in.</summary>
    public static string? AppName(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Items.TryGetValue(AppNameItem, out var name) ? name : null;
    }

    /// <summary>Reads the token stored in <paramref name="properties"/>; null when there is none.</summary>
    public static OAuthToken? Read(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.GetTokenValue(AccessToken) is not { Length: > 0 } accessToken) return null;
        return new OAuthToken(accessToken)
        {
            Secret = properties.GetTokenValue(Secret),
            RefreshToken = properties.GetTokenValue(RefreshToken),
            TokenType = properties.GetTokenValue(TokenType),
            Scope = properties.GetTokenValue(Scope),
            ExpiresAt = DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
                DateTimeStyles.RoundtripKind, out var expiresAt) ? expiresAt : null,
        };
    }

    /// <summary>Stores <paramref name="token"/> in <paramref name="properties"/>, replacing any token stored there before.</summary>
    public static void Write(AuthenticationProperties properties, OAuthToken token)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(token);
        var tokens = new List<AuthenticationToken> { new() { Name = AccessToken, Value = token.AccessToken } };
        Add(Secret, token.Secret);
        Add(RefreshToken, token.RefreshToken);
        Add(TokenType, token.TokenType);
        Add(ExpiresAt, token.ExpiresAt?.ToString("o", CultureInfo.InvariantCulture));
        Add(Scope, token.Scope);
        properties.StoreTokens(tokens);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) tokens.Add(new AuthenticationToken { Name = name, Value = value });
        }
    }

    /// <summary>The token this request already holds for <paramref name="appName"/> (granted or refreshed in it), if any.</summary>
    internal static OAuthToken? Current(HttpContext context, string appName) =>
        context.Items.TryGetValue(new CurrentTokenKey(appName), out var token) ? token as OAuthToken : null;

    /// <summary>
    /// Makes <paramref name="token"/> the one this request uses for <paramref name="appName"/>: the token just granted while
    /// the user is being signed in, or the one just refreshed (the ticket read earlier in the request is out of date).
    /// </summary>
    internal static void SetCurrent(HttpContext context, string appName, OAuthToken? token)
    {
        if (token is null) context.Items.Remove(new CurrentTokenKey(appName));
        else context.Items[new CurrentTokenKey(appName)] = token;
    }

    private readonly record struct CurrentTokenKey(string AppName);
}
