using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OAuthGen;

/// <summary>
/// An access token. For OAuth 1.0a <see cref="AccessToken"/> is <c>oauth_token</c> and <see cref="Secret"/> is
/// <c>oauth_token_secret</c>; for OAuth 2.0 it is the bearer token with its refresh token and absolute expiry.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never shows the token, secret or refresh token, so a token can be logged safely.
/// Persist <see cref="ExpiresAt"/>, never <c>expires_in</c>: a token rebuilt from <c>expires_in</c> would never expire.
/// </remarks>
public sealed record OAuthToken
{
    /// <summary>Creates a token from its access token value.</summary>
    public OAuthToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        AccessToken = accessToken;
    }

    /// <summary>The access token (OAuth 1.0a: <c>oauth_token</c>).</summary>
    public string AccessToken { get; init; }

    /// <summary>The OAuth 1.0a token secret (<c>oauth_token_secret</c>); <see langword="null"/> for OAuth 2.0.</summary>
    public string? Secret { get; init; }

    /// <summary>The OAuth 2.0 token type as the server sent it (<c>Bearer</c> when it sent none).</summary>
    public string? TokenType { get; init; }

    /// <summary>The OAuth 2.0 refresh token, if any.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the access token expires; <see langword="null"/> when the server gave no lifetime.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The granted scope as the server sent it (space or comma separated), if it sent one.</summary>
    public string? Scope { get; init; }

    /// <summary>Every other field of the token response (Twitter's <c>screen_name</c>, GitHub's <c>scope</c>...).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = EmptyExtra;

    /// <summary>The granted scopes, split on spaces and commas (GitHub answers <c>repo,user:email</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Scopes =>
        Scope is null ? [] : Scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether the token has expired, or will within <paramref name="leeway"/>, at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan leeway = default) => ExpiresAt is { } expiresAt && expiresAt - leeway <= now;

    /// <summary>
    /// Serializes to compact JSON (AOT-safe) for a session, cache or database. The expiry is stored as the absolute
    /// <see cref="ExpiresAt"/>, so a token read back later still expires when it should. The JSON holds the secrets:
    /// store it where tokens belong.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, RuntimeJsonContext.Default.OAuthToken);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="OAuthException">The text is not a stored token (<see cref="OAuthErrorType.InvalidResponse"/>); the message never quotes it.</exception>
    public static OAuthToken FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.OAuthToken) ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse, "The stored token is not valid OAuthToken JSON.");
        }
    }

    /// <summary>
    /// The <c>Authorization</c> header value <c>{scheme} {AccessToken}</c>, built once per token and scheme, so that a
    /// token sent on every call costs no string, no header value object and no parse per call; <see langword="null"/>
    /// when the access token is not an RFC 6750 b64token, whose text the header parser would read back differently
    /// (a comma, a space, a quote): that one is sent as a typed header value.
    /// </summary>
    internal string? AuthorizationValue(string scheme)
    {
        var accessToken = AccessToken;
        if (_authorizationValue.Find(scheme, accessToken, out var value)) return value;
        value = TokenText.IsB64Token(accessToken) ? string.Concat(scheme, " ", accessToken) : null;
        _authorizationValue = AuthorizationValueCache.Of(scheme, accessToken, value);
        return value;
    }

    /// <summary>A token from a bare access token string (flask-oauthlib accepted strings as tokens).</summary>
    public static implicit operator OAuthToken(string accessToken) => new(accessToken);

    /// <summary>Describes the token without its secrets: type, expiry, scope and the names of the extra fields.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("OAuthToken { TokenType = ").Append(TokenType ?? "(none)")
            .Append(", AccessToken = ***, HasSecret = ").Append(Secret is not null)
            .Append(", HasRefreshToken = ").Append(RefreshToken is not null)
            .Append(", ExpiresAt = ").Append(ExpiresAt?.ToString("O") ?? "(never)")
            .Append(", Scope = ").Append(Scope ?? "(none)");
        if (Extra.Count > 0)
        {
            text.Append(", Extra = [").Append(string.Join(", ", Extra.Keys.Order(StringComparer.Ordinal))).Append(']');
        }
        return text.Append(" }").ToString();
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyExtra = new Dictionary<string, string>();

    // Derived from AccessToken; equal in every token, so it changes neither Equals nor GetHashCode.
    private AuthorizationValueCache _authorizationValue;
}
