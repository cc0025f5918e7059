using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Samples.DemoProvider;

/// <summary>
/// Everything the provider has issued, in memory, behind one lock: OAuth 1.0a request and access tokens, seen nonces,
/// OAuth 2.0 codes, access and refresh tokens. Tokens issued from one authorization share a family, so a replayed
/// code or refresh token can revoke all of them (RFC 6749 §4.1.2, OAuth 2.0 Security BCP §4.14).
/// </summary>
internal sealed class DemoState(DemoProviderOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, RequestToken> _requestTokens = [];
    private readonly Dictionary<string, OAuth1AccessToken> _oauth1AccessTokens = [];
    private readonly Dictionary<string, DateTimeOffset> _nonces = [];
    private readonly Dictionary<string, AuthorizationCode> _codes = [];
    private readonly Dictionary<string, AccessGrant> _accessTokens = [];
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = [];

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    // ---- OAuth 1.0a -------------------------------------------------------------------------------------------

    public RequestToken IssueRequestToken(string consumerKey, string callback)
    {
        var token = new RequestToken(RandomTokens.New(), RandomTokens.New(), consumerKey, callback, Now + options.GrantLifetime);
        lock (_gate) _requestTokens[token.Token] = token;
        return token;
    }

    public RequestToken? FindRequestToken(string? token)
    {
        lock (_gate)
        {
            return token is not null && _requestTokens.TryGetValue(token, out var found) && found.ExpiresAt > Now ? found : null;
        }
    }

    /// <summary>The user approved: the request token gets its verifier.</summary>
    public string ApproveRequestToken(RequestToken token)
    {
        lock (_gate)
        {
            token.Verifier ??= RandomTokens.New(16);
            return token.Verifier;
        }
    }

    public void DeleteRequestToken(RequestToken token)
    {
        lock (_gate) _requestTokens.Remove(token.Token);
    }

    /// <summary>Exchanges an approved request token; it is used up whatever the outcome, so a verifier cannot be guessed.</summary>
    public OAuth1AccessToken? RedeemRequestToken(RequestToken token, string? verifier)
    {
        lock (_gate)
        {
            if (!_requestTokens.Remove(token.Token) || token.Verifier is null || verifier is null ||
                !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(token.Verifier), System.Text.Encoding.UTF8.GetBytes(verifier)))
            {
                return null;
            }
            var access = new OAuth1AccessToken(RandomTokens.New(), RandomTokens.New(), token.ConsumerKey, DemoCredentials.User.Id);
            _oauth1AccessTokens[access.Token] = access;
            return access;
        }
    }

    public OAuth1AccessToken? FindOAuth1AccessToken(string? token)
    {
        lock (_gate) return token is not null && _oauth1AccessTokens.TryGetValue(token, out var found) ? found : null;
    }

    /// <summary>Records a nonce; <see langword="false"/> if this consumer, token and timestamp already used it (a replay).</summary>
    public bool UseNonce(string consumerKey, string? token, string timestamp, string nonce)
    {
        var key = string.Join('\n', consumerKey, token ?? "", timestamp, nonce);
        lock (_gate)
        {
            // Nonces only need remembering while their timestamp would still be accepted.
            foreach (var old in _nonces.Where(pair => pair.Value < Now).Select(pair => pair.Key).ToList()) _nonces.Remove(old);
            return _nonces.TryAdd(key, Now + options.TimestampTolerance * 2);
        }
    }

    // ---- OAuth 2.0 --------------------------------------------------------------------------------------------

    public string IssueCode(string clientId, string redirectUri, string codeChallenge, string scope)
    {
        var code = new AuthorizationCode(RandomTokens.New(), clientId, redirectUri, codeChallenge, scope, DemoCredentials.User.Id,
            Now + options.GrantLifetime, Family: RandomTokens.New(8));
        lock (_gate) _codes[code.Code] = code;
        return code.Code;
    }

    /// <summary>Finds a code for redemption. A code seen before revokes what it produced (RFC 6749 §4.1.2) and fails.</summary>
    public (AuthorizationCode? Code, string? Error) RedeemCode(string? code)
    {
        lock (_gate)
        {
            if (code is null || !_codes.TryGetValue(code, out var found)) return (null, "The authorization code is unknown.");
            if (found.Redeemed)
            {
                RevokeFamily(found.Family);
                return (null, "The authorization code was already used; the tokens issued for it are revoked.");
            }
            found.Redeemed = true;
            return found.ExpiresAt <= Now ? (null, "The authorization code expired.") : (found, null);
        }
    }

    public (AccessGrant Access, RefreshGrant Refresh) IssueTokens(string clientId, string userId, string scope, string family)
    {
        var access = new AccessGrant(RandomTokens.New(), clientId, userId, scope, Now + options.AccessTokenLifetime, family);
        var refresh = new RefreshGrant(RandomTokens.New(), clientId, userId, scope, family);
        lock (_gate)
        {
            _accessTokens[access.Token] = access;
            _refreshTokens[refresh.Token] = refresh;
        }
        return (access, refresh);
    }

    /// <summary>Rotates a refresh token: the old one stops working; presenting it again revokes the whole family.</summary>
    public (RefreshGrant? Grant, string? Error) UseRefreshToken(string? token, string clientId)
    {
        lock (_gate)
        {
            if (token is null || !_refreshTokens.TryGetValue(token, out var found)) return (null, "The refresh token is unknown or revoked.");
            if (found.ClientId != clientId) return (null, "The refresh token was issued to another client.");
            if (found.Rotated)
            {
                RevokeFamily(found.Family);
                return (null, "The refresh token was already used (it rotates); every token of this grant is now revoked.");
            }
            found.Rotated = true;
            return (found, null);
        }
    }

    public AccessGrant? FindAccessToken(string token)
    {
        lock (_gate) return _accessTokens.TryGetValue(token, out var found) ? found : null;
    }

    /// <summary>RFC 7009: revokes an access token, or a refresh token with everything of its grant.</summary>
    public void Revoke(string token, string clientId)
    {
        lock (_gate)
        {
            if (_accessTokens.TryGetValue(token, out var access) && access.ClientId == clientId) _accessTokens.Remove(token);
            if (_refreshTokens.TryGetValue(token, out var refresh) && refresh.ClientId == clientId) RevokeFamily(refresh.Family);
        }
    }

    private void RevokeFamily(string family)
    {
        foreach (var key in _accessTokens.Where(pair => pair.Value.Family == family).Select(pair => pair.Key).ToList()) _accessTokens.Remove(key);
        foreach (var key in _refreshTokens.Where(pair => pair.Value.Family == family).Select(pair => pair.Key).ToList()) _refreshTokens.Remove(key);
    }
}

internal sealed record RequestToken(string Token, string Secret, string ConsumerKey, string Callback, DateTimeOffset ExpiresAt)
{
    public string? Verifier { get; set; }
}

internal sealed record OAuth1AccessToken(string Token, string Secret, string ConsumerKey, string UserId);

internal sealed record AuthorizationCode(string Code, string ClientId, string RedirectUri, string CodeChallenge, string Scope,
    string UserId, DateTimeOffset ExpiresAt, string Family)
{
    public bool Redeemed { get; set; }
}

internal sealed record AccessGrant(string Token, string ClientId, string UserId, string Scope, DateTimeOffset ExpiresAt, string Family);

internal sealed record RefreshGrant(string Token, string ClientId, string UserId, string Scope, string Family)
{
    public bool Rotated { get; set; }
}
