using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>OAuth 2.0 (RFC 6749): authorization code with PKCE and state, token endpoint grants, bearer tokens.</summary>
/// <remarks>
/// Decisions where the specifications leave room:
/// <list type="bullet">
/// <item>Authorization parameters: <see cref="RemoteAppOptions.RequestTokenParams"/> first, then the call's parameters,
/// which replace configured ones of the same name (flask-oauthlib's precedence; Authlib's is the opposite).</item>
/// <item><see cref="RemoteAppOptions.AccessTokenParams"/> are merged last into the grants that start a grant
/// (authorization_code, client_credentials), not into refresh requests, where an override such as grant_type would
/// break them. <see cref="RemoteAppOptions.AccessTokenHeaders"/> go on every token, refresh and revocation call.</item>
/// <item>An expired token without a refresh token is sent as it is: the resource server answers 401 and the caller sees
/// it in the <see cref="OAuthResponse"/> (flask semantics), instead of an exception before any request.</item>
/// <item>Tokens looked up through the store or getter are refreshed when they expire, and the new token is saved through
/// <see cref="RemoteAppOptions.TokenStore"/> and reported to <see cref="RemoteAppOptions.TokenUpdated"/> under the same
/// key before use: with refresh-token rotation a refreshed token that is not saved locks the user out. Tokens passed
/// explicitly and <see cref="RefreshAsync"/> belong to the caller: nothing is saved, the caller gets the new token.</item>
/// </list>
/// </remarks>
internal sealed class OAuth2Protocol : OAuthProtocol
{
    /// <summary>Parameters the flow itself owns: overriding them would break the exchange that follows.</summary>
    /// <summary>Authorization response parameters that must appear at most once (RFC 6749 §3.1, RFC 9207 §2).</summary>
    private static readonly string[] SingleValued = ["state", "code", "iss", "error"];

    private static readonly string[] FlowParameters = ["response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method"];

    /// <summary>Client credentials tokens, per app and scope, reused within <see cref="TokenCachePolicy"/>'s bounds.</summary>
    private static readonly SharedFlights<ClientCredentialsKey, CachedToken> ClientCredentialsTokens = new(retainCompletedFor: null);

    private readonly OAuth2Endpoints _endpoints;
    private readonly TokenEndpointClient _tokenEndpoint;
    private readonly TokenRefresher _refresher;

    public OAuth2Protocol(RemoteApp app) : base(app)
    {
        _endpoints = new OAuth2Endpoints(app);
        _tokenEndpoint = new TokenEndpointClient(app);
        _refresher = new TokenRefresher(app, _endpoints, _tokenEndpoint);
    }

    public override async Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken)
    {
        // redirect_uri must be absolute and must not include a fragment (RFC 6749 §3.1.2): the response parameters would
        // be appended after it, where no server-side callback can read them. A lone "#" is a fragment too.
        if (!UrlResolver.IsAbsoluteCallback(callback))
        {
            throw new ArgumentException($"The OAuth 2.0 callback (redirect_uri) must be an absolute URL, not '{callback}'.", nameof(callback));
        }
        if (callback.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The OAuth 2.0 callback (redirect_uri) must not include a fragment ('#...'; RFC 6749 §3.1.2).", nameof(callback));
        }
        var configured = Options.RequestTokenParams;
        var call = parameters?.ToList() ?? [];
        CheckNotFlowParameters(configured.Keys, "RequestTokenParams");
        CheckNotFlowParameters(call.Select(p => p.Key), nameof(parameters));

        var endpoint = await _endpoints.AuthorizationAsync(cancellationToken).ConfigureAwait(false);
        // The issuer is kept only when the request goes to the endpoint its document names: the callback's iss is compared
        // with the issuer of the server the request was sent to (RFC 9207 §2.4).
        var metadata = Options.AuthorizeUrl is null ? await _endpoints.MetadataAsync(cancellationToken).ConfigureAwait(false) : null;
        var clientId = RemoteAppOptionsValidator.RequireCredential(Options, Options.ConsumerKey, nameof(RemoteAppOptions.ConsumerKey));

        // A configured constant state is refused by the validator: it would let an attacker replay it (login CSRF).
        state ??= call.FirstOrDefault(p => p.Key == "state").Value
            ?? Options.StateGenerator?.Invoke()
            ?? AuthorizationState.Generate();
        if (state.Length == 0) throw new ArgumentException("The state must not be empty.", nameof(state));

        // A scope list given as repeated parameters is space-joined (RFC 6749 §3.3).
        var callScopes = call.Where(p => p.Key == "scope").Select(p => p.Value).ToList();
        var scope = callScopes.Count > 0 ? string.Join(' ', callScopes) : Configured(configured, "scope") ?? Options.Scope;

        var pkce = Options.CodeChallengeMethod == CodeChallengeMethod.None ? null : Pkce.Create(Options.CodeChallengeMethod);

        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", callback),
        };
        if (!string.IsNullOrEmpty(scope)) query.Add(new("scope", scope));
        query.Add(new("state", state));
        if (pkce is not null)
        {
            query.Add(new("code_challenge", pkce.Challenge));
            query.Add(new("code_challenge_method", pkce.MethodName));
        }
        var callNames = call.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        query.AddRange(configured.Where(p => p.Key is not ("scope" or "state") && !callNames.Contains(p.Key)));
        query.AddRange(call.Where(p => p.Key is not ("scope" or "state")));

        var pending = new PendingAuthorization
        {
            AppName = Options.Name,
            RedirectUri = callback,
            CreatedAt = Options.TimeProvider.GetUtcNow(),
            State = state,
            CodeVerifier = pkce?.Verifier,
            Issuer = metadata?.Issuer,
            RequireIssuer = metadata?.IssParameterSupported == true,
        };
        return new AuthorizationRedirect(RequestData.AppendQuery(endpoint, query), pending);
    }

    public override async Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken)
    {
        // RFC 6749 §3.1: parameters must not be repeated. With two states or codes, which one counts is a guess an
        // attacker could steer (the first for one component, the last for another); refused before anything is spent.
        foreach (var name in SingleValued)
        {
            if (callback.GetValues(name).Count > 1)
            {
                throw new OAuthException(OAuthErrorType.InvalidResponse,
                    $"The callback for '{Options.Name}' repeats the parameter '{name}' (RFC 6749 §3.1 forbids it); it was refused.");
            }
        }
        var error = callback["error"];
        var state = callback["state"];
        if (pending.State is null)
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The pending authorization for '{Options.Name}' has no state, so the callback cannot be verified.");
        }
        // An error redirect may come without state (some providers drop it); it grants nothing, so it is reported as it is.
        if ((state is not null || error is null) && !EchoedValue.Matches(pending.State, state))
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The callback for '{Options.Name}' {(state is null ? "has no state" : "carries a state that is not the one this flow started with")}: " +
                "it was forged, or belongs to another flow (another tab, an old link).");
        }
        // Verified as this flow's callback, so it spends the flow (a denial too); an error without state is not verified
        // and must not spend the user's real flow.
        if (state is not null)
        {
            await PendingAuthorizationReplay.ConsumeAsync(Options, pending, cancellationToken).ConfigureAwait(false);
            CheckIssuer(callback["iss"], pending);
        }
        if (error is not null)
        {
            var description = callback["error_description"];
            if (error == "access_denied")
            {
                var uri = Uri.TryCreate(callback["error_uri"], UriKind.Absolute, out var parsed) ? parsed : null;
                return AuthorizationResult.Denied(error, description, uri);
            }
            var secrets = KnownSecrets.Of(Options).With(pending.CodeVerifier);
            throw new OAuthException(OAuthErrorType.AuthorizationError, secrets.Scrub(
                $"The authorization server of '{Options.Name}' redirected back with error '{error}'" + (description is null ? "." : $": {description}")))
            {
                Error = secrets.Scrub(error),
                ErrorDescription = secrets.ScrubOrNull(description),
            };
        }
        if (callback["code"] is not { Length: > 0 } code)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The callback for '{Options.Name}' has neither a code nor an error.");
        }

        var form = new FormData
        {
            { "grant_type", "authorization_code" },
            { "code", code },
            // Byte for byte what the authorization request sent (RFC 6749 §4.1.3), or the server refuses the code.
            { "redirect_uri", pending.RedirectUri },
        };
        if (pending.CodeVerifier is { } verifier) form.Add("code_verifier", verifier);
        var endpoint = await _endpoints.TokenAsync(cancellationToken).ConfigureAwait(false);
        var token = await _tokenEndpoint.RequestTokenAsync(endpoint, Options.AccessTokenMethod, form, Options.AccessTokenParams,
            RequestLeg.CodeExchange, cancellationToken).ConfigureAwait(false);
        return AuthorizationResult.Granted(token);
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken) =>
        BearerTokenPlacement.ApplyAsync(request, token, Options.TokenPlacement, Options.TokenType, cancellationToken);

    public override string? CannotSend(OAuthToken token) =>
        BearerTokenPlacement.CannotSend(token.AccessToken)
        ?? (TokenEndpointClient.AcceptsTokenType(Options, token.TokenType)
            ? null
            : "its token_type is not one this client implements (RFC 6749 §7.1; see RemoteAppOptions.TokenTypePolicy)");

    public override async ValueTask<OAuthToken?> RefreshRejectedAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken)
    {
        if (token.RefreshToken is null) return null;
        // The same single flight as the refresh before expiry: every call rejected for this token waits for one refresh.
        return await _refresher.RefreshAsync(key, token, stored: true, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<OAuthToken> PrepareTokenAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken)
    {
        if (_refresher.IsFresh(token)) return token;
        if (token.RefreshToken is null)
        {
            App.Logger.LogWarning("{App}: the token{Name} expired at {ExpiresAt:O} and has no refresh token; sending it anyway.",
                Options.Name, key.TokenName is null ? "" : $" '{key.TokenName}'", token.ExpiresAt);
            return token;
        }
        return await _refresher.RefreshAsync(key, token, stored: true, cancellationToken).ConfigureAwait(false);
    }

    public override Task<OAuthToken> RefreshAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        if (token.RefreshToken is null)
        {
            throw new OAuthException(OAuthErrorType.RefreshFailed, $"The token for '{Options.Name}' has no refresh token to refresh it with.");
        }
        return _refresher.RefreshAsync(new TokenRequest(Options.Name, null), token, stored: false, cancellationToken);
    }

    public override async Task<OAuthToken> ClientCredentialsAsync(string? scope, CancellationToken cancellationToken)
    {
        scope ??= Options.Scope;
        // Everything that changes which token the server issues is in the key: two apps of the same name with another
        // audience (AccessTokenParams), tenant (BaseUrl) or secret must never share a cached token.
        var key = new ClientCredentialsKey(Options.Name, Options.ConsumerKey, Options.ConsumerSecret, Options.BaseUrl,
            Options.AccessTokenUrl ?? Options.ServerMetadataUrl, scope,
            string.Join('&', Options.AccessTokenParams.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
        var policy = Options.TokenCachePolicy;
        var clock = Options.TimeProvider;
        var cached = await ClientCredentialsTokens.RunAsync(key, c => clock.GetUtcNow() < c.ReuseUntil && _refresher.IsFresh(c.Token), async flightToken =>
        {
            var form = new FormData { { "grant_type", "client_credentials" } };
            if (!string.IsNullOrEmpty(scope)) form.Add("scope", scope);
            var endpoint = await _endpoints.TokenAsync(flightToken).ConfigureAwait(false);
            // Always POST, like refresh: the client secret must not travel in a URL (AccessTokenMethod is for code exchanges).
            var token = await _tokenEndpoint.RequestTokenAsync(endpoint, HttpMethod.Post, form, Options.AccessTokenParams,
                RequestLeg.ClientCredentials, flightToken).ConfigureAwait(false);
            // Without expires_in the server said nothing about the lifetime: reusing the token forever (process-wide, for
            // every new client) would hand out a token the server forgot long ago. Never past the maximum either.
            var now = clock.GetUtcNow();
            var lifetime = token.ExpiresAt is { } expiresAt ? expiresAt - now : policy.DefaultLifetime;
            return new CachedToken(token, now + (lifetime < policy.MaximumLifetime ? lifetime : policy.MaximumLifetime));
        }, new FlightTimeout(Options.TokenRequestTimeout, Options.TimeProvider, e => new OAuthException(OAuthErrorType.TokenEndpointError,
            $"The token endpoint of '{Options.Name}' did not answer the client credentials request within TokenRequestTimeout " +
            $"({Options.TokenRequestTimeout.TotalSeconds:0.###} s); it was cancelled.", innerException: e)), cancellationToken).ConfigureAwait(false);
        // One entry per scope: bounded per app. Only this app's entries: other apps may run on other clocks.
        var appName = Options.Name;
        ClientCredentialsTokens.Trim(k => k.AppName == appName, c => clock.GetUtcNow() >= c.ReuseUntil, policy.MaxEntries);
        return cached.Token;
    }

    public override async Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        var endpoint = await _endpoints.RevocationAsync(cancellationToken).ConfigureAwait(false);
        // Revoking the refresh token ends the whole grant, its access tokens included (RFC 7009 §2.1).
        var (value, hint) = token.RefreshToken is { } refreshToken ? (refreshToken, "refresh_token") : (token.AccessToken, "access_token");
        var form = new FormData { { "token", value }, { "token_type_hint", hint } };
        var response = await _tokenEndpoint.SendAsync(endpoint, HttpMethod.Post, form, null, RequestLeg.Revocation, cancellationToken)
            .ConfigureAwait(false);
        TokenResponseReader.ThrowIfError(response, Options.Name, Options.ContentType is not null, KnownSecrets.Of(Options).With(token.AccessToken, token.RefreshToken));
        ClientCredentialsTokens.Forget(cached => cached.Token.AccessToken == token.AccessToken);
    }

    /// <summary>
    /// RFC 9207 §2.4: an <c>iss</c> in the callback must be the issuer the request went to; when the server advertised
    /// <c>authorization_response_iss_parameter_supported</c> it must be there. Identical strings, nothing trimmed. Checked
    /// after the flow is spent: a flow answered by another server must start again.
    /// </summary>
    private void CheckIssuer(string? iss, PendingAuthorization pending)
    {
        if (pending.Issuer is not { } expected) return;
        if (iss is null ? pending.RequireIssuer : iss != expected)
        {
            throw new OAuthException(OAuthErrorType.IssuerMismatch,
                $"The callback for '{Options.Name}' {(iss is null ? "has no iss, which its authorization server promises (RFC 9207)" : "names another issuer than the authorization server the request went to (RFC 9207)")}: " +
                "it may come from another server (a mix-up attack). Start the sign-in again.");
        }
    }

    private static string? Configured(IDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) ? value : null;

    private static void CheckNotFlowParameters(IEnumerable<string> names, string source)
    {
        foreach (var name in names)
        {
            if (FlowParameters.Contains(name))
            {
                throw new ArgumentException(
                    $"'{name}' is set by the authorization flow itself (from the callback and options) and cannot be given in {source}.", source);
            }
        }
    }

    /// <summary>A client credentials token and the instant the cache stops handing it out.</summary>
    private sealed record CachedToken(OAuthToken Token, DateTimeOffset ReuseUntil);

    /// <summary>Holds the secret only to tell apps apart; the record is private and never printed.</summary>
    private readonly record struct ClientCredentialsKey(string AppName, string? ClientId, string? ClientSecret, string? BaseUrl,
        string? TokenEndpoint, string? Scope, string AccessTokenParams);
}
