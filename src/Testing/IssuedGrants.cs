using System;

namespace OAuthGen.Testing;

/// <summary>An OAuth 1.0a request token, waiting for the user's decision and then its exchange.</summary>
internal sealed record RequestToken(string Token, string Secret, string ConsumerKey, string Callback, DateTimeOffset ExpiresAt)
{
    public string? Verifier { get; set; }

    public string? UserId { get; set; }
}

/// <summary>OAuth 1.0a token credentials.</summary>
internal sealed record OAuth1AccessToken(string Token, string Secret, string ConsumerKey, string UserId);

/// <summary>An OAuth 2.0 authorization code with what its exchange must repeat.</summary>
internal sealed record AuthorizationCode(string Code, string ClientId, string RedirectUri, string CodeChallenge, string CodeChallengeMethod,
    string Scope, string UserId, DateTimeOffset ExpiresAt, string Family)
{
    public bool Redeemed { get; set; }
}

/// <summary>An OAuth 2.0 access token.</summary>
internal sealed record AccessGrant(string Token, string ClientId, string UserId, string Scope, DateTimeOffset ExpiresAt, string Family);

/// <summary>An OAuth 2.0 refresh token.</summary>
internal sealed record RefreshGrant(string Token, string ClientId, string UserId, string Scope, string Family)
{
    public bool Rotated { get; set; }
}
