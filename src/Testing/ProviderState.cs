using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Testing;

/// <summary>
/// Everything the provider knows and has issued, in memory, behind one lock: registered consumers, clients and users;
/// OAuth 1.0a request and access tokens, seen nonces; OAuth 2.0 codes, access and refresh tokens. Tokens issued from one
/// authorization share a family, so a replayed code or refresh token can revoke all of them (RFC 6749 §4.1.2, OAuth 2.0
/// Security BCP §4.14), and a test can revoke a grant by any of its tokens.
/// </summary>
internal sealed class ProviderState(TestProviderOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, OAuth1Consumer> _consumers = [];
    private readonly Dictionary<string, OAuth2Client> _clients = [];
    private readonly Dictionary<string, TestUser> _users = [];
    private readonly Dictionary<string, RequestToken> _requestTokens = [];
    private readonly Dictionary<string, OAuth1AccessToken> _oauth1AccessTokens = [];
    private readonly Dictionary<string, DateTimeOffset> _nonces = [];
    private readonly Dictionary<string, AuthorizationCode> _codes = [];
    private readonly Dictionary<string, AccessGrant> _accessTokens = [];
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = [];

    public TestProviderOptions Options => options;

    /// <summary>The user the consent page shows as signed in, who decides when a decision names no user.</summary>
    public TestUser? SignedInUser { get; set; }

    /// <summary>The user a decision is made for: the one named by id, else the signed-in one; <see langword="null"/> if unknown.</summary>
    public TestUser? DecidingUser(string? userId) => userId is null ? SignedInUser : FindUser(userId);

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    // ---- Registrations -----------------------------------------------------------------------------------------

    public void Add(OAuth1Consumer consumer)
    {
        lock (_gate)
        {
            if (!_consumers.TryAdd(consumer.Key, consumer)) throw new ArgumentException($"The consumer key '{consumer.Key}' is already registered.");
        }
    }

    public void Add(OAuth2Client client)
    {
        lock (_gate)
        {
            if (!_clients.TryAdd(client.ClientId, client)) throw new ArgumentException($"The client_id '{client.ClientId}' is already registered.");
        }
    }

    /// <summary>Replaces a registered client with <paramref name="changed"/> (same client_id).</summary>
    public void Replace(OAuth2Client changed)
    {
        lock (_gate)
        {
            if (!_clients.ContainsKey(changed.ClientId)) throw new ArgumentException($"The client_id '{changed.ClientId}' is not registered.");
            _clients[changed.ClientId] = changed;
        }
    }

    public void Add(TestUser user)
    {
        lock (_gate)
        {
            if (!_users.TryAdd(user.Id, user)) throw new ArgumentException($"The user id '{user.Id}' is already registered.");
        }
    }

    public OAuth1Consumer? FindConsumer(string? key)
    {
        lock (_gate) return key is not null && _consumers.TryGetValue(key, out var found) ? found : null;
    }

    public OAuth2Client? FindClient(string? clientId)
    {
        lock (_gate) return clientId is not null && _clients.TryGetValue(clientId, out var found) ? found : null;
    }

    public TestUser? FindUser(string? id)
    {
        lock (_gate) return id is not null && _users.TryGetValue(id, out var found) ? found : null;
    }

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

    /// <summary>The user approved: the request token gets its verifier and its user.</summary>
    public string ApproveRequestToken(RequestToken token, TestUser user)
    {
        lock (_gate)
        {
            token.UserId = user.Id;
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
            if (!_requestTokens.Remove(token.Token) || token.Verifier is null || verifier is null || token.UserId is null ||
                !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token.Verifier), Encoding.UTF8.GetBytes(verifier)))
            {
                return null;
            }
            var access = new OAuth1AccessToken(RandomTokens.New(), RandomTokens.New(), token.ConsumerKey, token.UserId);
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

    public string IssueCode(string clientId, string redirectUri, string codeChallenge, string codeChallengeMethod, string scope, TestUser user)
    {
        var code = new AuthorizationCode(RandomTokens.New(), clientId, redirectUri, codeChallenge, codeChallengeMethod, scope, user.Id,
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

    public (AccessGrant Access, RefreshGrant Refresh) IssueTokens(string clientId, string userId, string scope, string family, RefreshGrant? kept = null)
    {
        var access = new AccessGrant(RandomTokens.New(), clientId, userId, scope, Now + options.AccessTokenLifetime, family);
        var refresh = kept ?? new RefreshGrant(RandomTokens.New(), clientId, userId, scope, family);
        lock (_gate)
        {
            _accessTokens[access.Token] = access;
            _refreshTokens[refresh.Token] = refresh;
        }
        return (access, refresh);
    }

    /// <summary>
    /// Uses a refresh token. With rotation the old one stops working and presenting it again revokes the whole family;
    /// without, it stays valid.
    /// </summary>
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
            if (options.RotateRefreshTokens) found.Rotated = true;
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

    /// <summary>Makes access tokens expire now: one (by its value) or, with <see langword="null"/>, all of them.</summary>
    public int ExpireAccessTokens(string? token)
    {
        lock (_gate)
        {
            var expiring = _accessTokens.Values.Where(grant => token is null || grant.Token == token).ToList();
            foreach (var grant in expiring) _accessTokens[grant.Token] = grant with { ExpiresAt = Now };
            return expiring.Count;
        }
    }

    /// <summary>Revokes the grant any token (OAuth 2.0 access or refresh, OAuth 1.0a access) belongs to.</summary>
    public bool RevokeGrant(string token)
    {
        lock (_gate)
        {
            if (_oauth1AccessTokens.Remove(token)) return true;
            var family = _accessTokens.TryGetValue(token, out var access) ? access.Family
                : _refreshTokens.TryGetValue(token, out var refresh) ? refresh.Family : null;
            if (family is null) return false;
            RevokeFamily(family);
            return true;
        }
    }

    private void RevokeFamily(string family)
    {
        foreach (var key in _accessTokens.Where(pair => pair.Value.Family == family).Select(pair => pair.Key).ToList()) _accessTokens.Remove(key);
        foreach (var key in _refreshTokens.Where(pair => pair.Value.Family == family).Select(pair => pair.Key).ToList()) _refreshTokens.Remove(key);
    }
}
