using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>
/// OAuth 2.0 (RFC 6749): the app's entry points, each handing over to the type of its exchange
/// (<see cref="AuthorizationRequest"/>, <see cref="CodeExchange"/>, <see cref="TokenRefresher"/>,
/// <see cref="ClientCredentialsGrant"/>, <see cref="TokenRevocation"/>, <see cref="ServerMetadata"/>), and bearer tokens
/// on resource requests.
/// </summary>
/// <remarks>
/// Decisions where the specifications leave room:
/// <list type="bullet">
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
    private readonly TokenRefresher _refresher;
    private readonly AuthorizationRequest _authorization;
    private readonly CodeExchange _codeExchange;
    private readonly ClientCredentialsGrant _clientCredentials;
    private readonly TokenRevocation _revocation;
    private readonly DeviceAuthorizationRequest _deviceAuthorization;
    private readonly DeviceTokenPolling _devicePolling;
    private readonly DPoPBinding? _dpop;

    public OAuth2Protocol(RemoteApp app) : base(app)
    {
        var endpoints = new OAuth2Endpoints(app);
        _dpop = app.Settings.UseDPoP ? new DPoPBinding(app.Settings) : null;
        var tokenEndpoint = new TokenEndpointClient(app, _dpop);
        _refresher = new TokenRefresher(app, endpoints, tokenEndpoint);
        _authorization = new AuthorizationRequest(app, endpoints, _dpop);
        _codeExchange = new CodeExchange(app, endpoints, tokenEndpoint);
        _clientCredentials = new ClientCredentialsGrant(app, endpoints, tokenEndpoint, _refresher);
        _revocation = new TokenRevocation(app, endpoints, tokenEndpoint);
        _deviceAuthorization = new DeviceAuthorizationRequest(app, endpoints, tokenEndpoint);
        _devicePolling = new DeviceTokenPolling(app, endpoints, tokenEndpoint);
        OpenIdConnect = new OpenIdConnectClient(app, endpoints);
    }

    /// <summary>UserInfo and the end-session URL (OpenID Connect).</summary>
    public OpenIdConnectClient OpenIdConnect { get; }

    public override Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken) =>
        _authorization.CreateAsync(callback, state, parameters, cancellationToken);

    public override Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken) =>
        _codeExchange.CompleteAsync(callback, pending, cancellationToken);

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken)
    {
        if (DPoPBinding.IsDPoPToken(token))
        {
            // CannotSend refused DPoP tokens of apps without DPoP before this point; the check repeats it for safety, as a
            // DPoP-bound token sent as a bearer token would leak it without the key's protection.
            (_dpop ?? throw DPoPBinding.NotEnabled(Options.Name)).Authenticate(request, token, Options.TimeProvider.GetUtcNow());
            return ValueTask.CompletedTask;
        }
        return BearerTokenPlacement.ApplyAsync(request, token, Options.TokenPlacement, Options.TokenType, cancellationToken);
    }

    public override bool AcceptNonceChallenge(HttpRequestMessage request, HttpResponseMessage response) =>
        _dpop is not null && _dpop.AcceptResourceNonceChallenge(request, response);

    public override string? CannotSend(OAuthToken token) =>
        BearerTokenPlacement.CannotSend(token.AccessToken)
        ?? (DPoPBinding.IsDPoPToken(token) && _dpop is null ? DPoPBinding.NotEnabledReason : null)
        ?? (TokenEndpointClient.AcceptsTokenType(Options, token.TokenType)
            ? null
            : "its token_type is not one this client implements (RFC 6749 §7.1; see RemoteAppOptions.TokenTypePolicy)");

    public override async ValueTask<OAuthToken?> RefreshRejectedAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken)
    {
        if (token.RefreshToken is null) return null;
        // The same single flight as the refresh before expiry: every call rejected for this token waits for one refresh.
        return await _refresher.RefreshAsync(key, token, stored: true, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask<OAuthToken> PrepareTokenAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken) =>
        // The fresh token of nearly every call is returned without a state machine.
        _refresher.IsFresh(token) ? new(token) : PrepareExpiringTokenAsync(key, token, cancellationToken);

    private async ValueTask<OAuthToken> PrepareExpiringTokenAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken)
    {
        if (token.RefreshToken is null)
        {
            Log.ExpiredTokenSent(App.Logger, Options.Name, key.TokenName is null ? "" : $" '{key.TokenName}'", token.ExpiresAt);
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

    public override Task<OAuthToken> ClientCredentialsAsync(string? scope, CancellationToken cancellationToken) =>
        _clientCredentials.RequestAsync(scope, cancellationToken);

    public override Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken) =>
        _revocation.RevokeAsync(token, cancellationToken);

    public override Task<DeviceAuthorization> StartDeviceAuthorizationAsync(string? scope, CancellationToken cancellationToken) =>
        _deviceAuthorization.StartAsync(scope, cancellationToken);

    public override Task<OAuthToken> PollDeviceTokenAsync(DeviceAuthorization authorization, CancellationToken cancellationToken) =>
        _devicePolling.PollAsync(authorization, cancellationToken);
}
