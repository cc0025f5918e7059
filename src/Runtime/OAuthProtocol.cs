using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// One OAuth version's half of a <see cref="RemoteApp"/>: the authorization dance, token lifecycle and how a token is
/// applied to a resource request. <see cref="RemoteApp"/> owns everything both versions share (URLs, bodies, parsing).
/// </summary>
internal abstract class OAuthProtocol(RemoteApp app)
{
    protected RemoteApp App { get; } = app;

    protected RemoteAppOptions Options => App.Settings;

    public abstract Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken);

    public abstract Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken);

    /// <summary>Signs the request (OAuth 1.0a) or adds the access token (OAuth 2.0).</summary>
    public abstract ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken);

    /// <summary>Why <paramref name="token"/> cannot be put on a request, or <see langword="null"/> when it can.</summary>
    public virtual string? CannotSend(OAuthToken token) => null;

    /// <summary>
    /// Whether <paramref name="response"/> to a resource request is a DPoP nonce challenge (RFC 9449 §9) whose nonce was
    /// taken, so the request may be sent once more with a new proof.
    /// </summary>
    public virtual bool AcceptNonceChallenge(HttpRequestMessage request, HttpResponseMessage response) => false;

    /// <summary>
    /// Refreshes the stored token of <paramref name="key"/> that the resource server rejected (RFC 6750 §3.1
    /// <c>invalid_token</c>), or returns <see langword="null"/> when this protocol cannot refresh it.
    /// </summary>
    public virtual ValueTask<OAuthToken?> RefreshRejectedAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OAuthToken?>(null);

    /// <summary>Returns a token fit to use for <paramref name="key"/>: OAuth 2.0 refreshes an expiring one here.</summary>
    public virtual ValueTask<OAuthToken> PrepareTokenAsync(TokenRequest key, OAuthToken token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(token);

    public virtual Task<OAuthToken> ClientCredentialsAsync(string? scope, CancellationToken cancellationToken) =>
        throw OAuth2Only(nameof(IRemoteApp.ClientCredentialsAsync));

    public virtual Task<OAuthToken> RefreshAsync(OAuthToken token, CancellationToken cancellationToken) =>
        throw OAuth2Only(nameof(IRemoteApp.RefreshAsync));

    public virtual Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken) =>
        throw OAuth2Only(nameof(IRemoteApp.RevokeAsync));

    public virtual Task<DeviceAuthorization> StartDeviceAuthorizationAsync(string? scope, CancellationToken cancellationToken) =>
        throw OAuth2Only(nameof(IRemoteApp.StartDeviceAuthorizationAsync));

    public virtual Task<OAuthToken> PollDeviceTokenAsync(DeviceAuthorization authorization, CancellationToken cancellationToken) =>
        throw OAuth2Only(nameof(IRemoteApp.PollDeviceTokenAsync));

    /// <summary>An OAuth 2.0 call on an OAuth 1.0a app: the app's configuration decides the protocol, so it is the one to fix.</summary>
    private OAuthException OAuth2Only(string operation) =>
        new(OAuthErrorType.InvalidConfiguration,
            $"{operation} is an OAuth 2.0 operation, and '{Options.Name}' is an OAuth 1.0a app (it has a RequestTokenUrl).");
}
