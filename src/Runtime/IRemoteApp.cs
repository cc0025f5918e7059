using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The flask-oauthlib remote-app surface that every generated client also exposes: the authorization dance,
/// token endpoint grants, and untyped resource requests.
/// </summary>
public interface IRemoteApp
{
    /// <summary>A copy of the app's options, taken when the client was created; changing the copy does not change the client.</summary>
    RemoteAppOptions Options { get; }

    /// <summary>
    /// Starts the authorization dance. OAuth 1.0a fetches a request token first; OAuth 2.0 builds the authorization
    /// URL with <c>state</c> and PKCE. Redirect the user to <see cref="AuthorizationRedirect.Url"/> and keep
    /// <see cref="AuthorizationRedirect.Pending"/> until the callback.
    /// </summary>
    /// <param name="callback">The absolute callback URL; replayed byte for byte at the token endpoint. http, https, or a native
    /// app's private-use scheme holding a period (<c>com.example.app:/cb</c>, RFC 8252 §7.1); OAuth 1.0a also takes <c>oob</c>.</param>
    /// <param name="state">OAuth 2.0 <c>state</c>; generated from a CSPRNG when omitted.</param>
    /// <param name="parameters">Extra authorization parameters. They replace configured <see cref="RemoteAppOptions.RequestTokenParams"/>
    /// of the same name (flask-oauthlib's precedence); repeated <c>scope</c> values are space-joined. OAuth 2.0 refuses
    /// <c>response_type</c>, <c>client_id</c>, <c>redirect_uri</c> and <c>code_challenge*</c>, which the flow sets itself.</param>
    /// <param name="cancellationToken">Cancels the request-token call or discovery.</param>
    /// <exception cref="ArgumentException">The callback is not one a provider may redirect to (a path, <c>javascript:</c>,
    /// <c>data:</c>, <c>file:</c>...); nothing was sent.</exception>
    Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state = null,
        IEnumerable<KeyValuePair<string, string>>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Handles the provider's callback: checks it against <paramref name="pending"/> and exchanges the code or verifier
    /// for a token. A user's denial is a <see cref="AuthorizationResult.IsDenied"/> result; a forged or broken callback throws.
    /// </summary>
    /// <exception cref="OAuthException">State mismatch, missing, expired or already used pending authorization
    /// (<see cref="OAuthErrorType.PendingAuthorizationUsed"/>: each completes once, even when it failed), or a token endpoint error.</exception>
    Task<AuthorizationResult> AuthorizedResponseAsync(IEnumerable<KeyValuePair<string, string>> callbackParameters,
        PendingAuthorization pending, CancellationToken cancellationToken = default);

    /// <summary>Handles the callback given as the full callback URL (its query is read).</summary>
    /// <inheritdoc cref="AuthorizedResponseAsync(IEnumerable{KeyValuePair{string, string}}, PendingAuthorization, CancellationToken)"/>
    Task<AuthorizationResult> AuthorizedResponseAsync(Uri callbackUrl, PendingAuthorization pending,
        CancellationToken cancellationToken = default);

    /// <summary>OAuth 2.0 client credentials grant (RFC 6749 §4.4).</summary>
    Task<OAuthToken> ClientCredentialsAsync(string? scope = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// OAuth 2.0 refresh (RFC 6749 §6). The old refresh token is kept when the server sends none. The new token is
    /// returned, not saved: persist it (with rotation the old refresh token stops working). Concurrent refreshes of
    /// the same refresh token in the process share one request.
    /// </summary>
    Task<OAuthToken> RefreshAsync(OAuthToken token, CancellationToken cancellationToken = default);

    /// <summary>OAuth 2.0 token revocation (RFC 7009).</summary>
    Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends an authenticated request and returns the response, whatever its status (flask semantics: never throws on HTTP status).
    /// </summary>
    /// <param name="url">An absolute http or https URL, or a relative path (no scheme) appended to <see cref="RemoteAppOptions.BaseUrl"/>.</param>
    /// <param name="data">Pairs (a dictionary or sequence; repeats kept), a string or bytes (with <paramref name="contentType"/>), or a JSON-serializable object.</param>
    /// <param name="headers">Extra request headers.</param>
    /// <param name="format">How <paramref name="data"/> is encoded; url-encoded data goes to the query on GET.</param>
    /// <param name="method">The HTTP method; GET by default.</param>
    /// <param name="contentType">Send <paramref name="data"/> as-is with this content type.</param>
    /// <param name="token">The token for this call; wins over the token getter.</param>
    /// <param name="tokenName">The token name to ask the token getter for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is empty, white space, holds a control character, or has
    /// another scheme (<c>javascript:</c>, <c>file:</c>...); nothing was sent.</exception>
    Task<OAuthResponse> RequestAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, HttpMethod? method = null, string? contentType = null,
        OAuthToken? token = null, string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>GET; <paramref name="data"/> goes to the query.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> GetAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>POST.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> PostAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>PUT.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> PutAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>PATCH.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> PatchAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>DELETE.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> DeleteAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>HEAD; <paramref name="data"/> goes to the query.</summary>
    /// <inheritdoc cref="RequestAsync"/>
    Task<OAuthResponse> HeadAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        OAuthToken? token = null, string? tokenName = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts the device authorization grant (RFC 8628 §3.1) for a device without a browser or keyboard (a CLI, a TV):
    /// show the user <see cref="DeviceAuthorization.UserCode"/> and <see cref="DeviceAuthorization.VerificationUri"/>,
    /// then call <see cref="PollDeviceTokenAsync"/>. The client authenticates as at the token endpoint.
    /// </summary>
    /// <param name="scope">The scope to ask for; <see cref="RemoteAppOptions.Scope"/> when omitted.</param>
    /// <param name="cancellationToken">Cancels the request (and discovery).</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DeviceAuthorizationFailed"/> when the endpoint refuses or answers
    /// something else; <see cref="OAuthErrorType.InvalidConfiguration"/> without a <see cref="RemoteAppOptions.DeviceAuthorizationUrl"/>
    /// or discovery.</exception>
    Task<DeviceAuthorization> StartDeviceAuthorizationAsync(string? scope = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls the token endpoint (RFC 8628 §3.4) until the user approves <paramref name="authorization"/> on another device,
    /// honouring its interval and the server's <c>slow_down</c> (5 more seconds each time), and returns the token. Waits
    /// run on <see cref="RemoteAppOptions.TimeProvider"/>.
    /// </summary>
    /// <param name="authorization">What <see cref="StartDeviceAuthorizationAsync"/> returned, for this app.</param>
    /// <param name="cancellationToken">Stops polling (the user gave up).</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DeviceAuthorizationDenied"/> when the user refused;
    /// <see cref="OAuthErrorType.DeviceCodeExpired"/> when the code expired first; <see cref="OAuthErrorType.TokenEndpointError"/>
    /// for another error.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException"><paramref name="authorization"/> was started by another app.</exception>
    Task<OAuthToken> PollDeviceTokenAsync(DeviceAuthorization authorization, CancellationToken cancellationToken = default);

    /// <summary>
    /// OpenID Connect: calls the UserInfo endpoint (<see cref="RemoteAppOptions.UserInfoUrl"/>, else the discovered
    /// <c>userinfo_endpoint</c>) with <paramref name="token"/> and returns its claims, after checking that its <c>sub</c> is
    /// <paramref name="expectedSubject"/> (OIDC Core §5.3.2).
    /// </summary>
    /// <param name="token">The access token of the OpenID Connect sign-in.</param>
    /// <param name="expectedSubject">The <see cref="IdToken.Subject"/> of the sign-in's validated id_token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="expectedSubject"/> is empty; nothing was sent.</exception>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.UserInfoInvalid"/> when the answer is not a JSON object
    /// with this <c>sub</c>; <see cref="OAuthErrorType.HttpError"/> for a non-2xx answer.</exception>
    Task<UserInfo> UserInfoAsync(OAuthToken token, string expectedSubject, CancellationToken cancellationToken = default);

    /// <summary>
    /// OpenID Connect RP-Initiated Logout 1.0: the URL to redirect the user to for signing out at the provider
    /// (<see cref="RemoteAppOptions.EndSessionUrl"/>, else the discovered <c>end_session_endpoint</c>).
    /// </summary>
    /// <param name="idTokenHint">The sign-in's <see cref="IdToken.RawToken"/> (recommended: it names the session).</param>
    /// <param name="postLogoutRedirectUri">Where the provider sends the user back; must be registered with it.</param>
    /// <param name="state">Echoed to <paramref name="postLogoutRedirectUri"/>.</param>
    /// <param name="cancellationToken">Cancels discovery.</param>
    /// <exception cref="ArgumentException"><paramref name="postLogoutRedirectUri"/> is not an absolute URL without fragment.</exception>
    Task<Uri> EndSessionUrlAsync(string? idTokenHint = null, string? postLogoutRedirectUri = null, string? state = null,
        CancellationToken cancellationToken = default);
}
