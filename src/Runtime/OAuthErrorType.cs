namespace OAuthGen;

/// <summary>The machine-readable values of <see cref="OAuthException.Type"/>.</summary>
public static class OAuthErrorType
{
    /// <summary>No token was given and the token getter or store returned none.</summary>
    public const string TokenMissing = "token_missing";
    /// <summary>The callback's state (OAuth 2.0) or <c>oauth_token</c> (OAuth 1.0a) is not the one this flow started with.</summary>
    public const string StateMismatch = "state_mismatch";
    /// <summary>A callback arrived without the pending authorization that started the flow.</summary>
    public const string NoPendingAuthorization = "no_pending_authorization";
    /// <summary>The pending authorization is older than <see cref="RemoteAppOptions.PendingAuthorizationLifetime"/>.</summary>
    public const string PendingAuthorizationExpired = "pending_authorization_expired";
    /// <summary>
    /// The pending authorization was already used by an earlier callback (completed, denied or failed): a replayed
    /// callback. Nothing was sent; start the sign-in again. See <see cref="RemoteAppOptions.ReplayStore"/>.
    /// </summary>
    public const string PendingAuthorizationUsed = "pending_authorization_used";
    /// <summary>A provider response could not be understood or lacked required fields.</summary>
    public const string InvalidResponse = "invalid_response";
    /// <summary>The token endpoint answered with an error (even on HTTP 200, as GitHub does).</summary>
    public const string TokenEndpointError = "token_endpoint_error";
    /// <summary>The authorization server redirected back with an error other than a denial.</summary>
    public const string AuthorizationError = "authorization_error";
    /// <summary>A typed call got a non-success HTTP status; <see cref="OAuthException.Response"/> holds the response and <see cref="OAuthException.StatusCode"/> its status.</summary>
    public const string HttpError = "http_error";
    /// <summary>Refreshing an expired token failed; the stored token was left as it was.</summary>
    public const string RefreshFailed = "refresh_failed";
    /// <summary>
    /// A refresh could not take the farm-wide lock of its <see cref="ITokenRefreshCoordinator"/> in time (the shared
    /// store is unreachable, slow, or another process held the lock too long). Nothing was sent and the stored token was
    /// left as it was; a later call tries again.
    /// </summary>
    public const string RefreshLockUnavailable = "refresh_lock_unavailable";
    /// <summary>
    /// A shared store (a farm's token store or replay check, such as <c>OAuthGen.Redis</c>) could not be reached and the
    /// answer was not in this process's memory. Nothing was sent; the call may be tried again.
    /// </summary>
    public const string SharedStoreUnavailable = "shared_store_unavailable";
    /// <summary>
    /// A farm's shared token store (such as <c>OAuthGen.Redis</c>) could not encrypt a token with ASP.NET Core Data
    /// Protection: the key ring is missing, unreadable or holds no usable key. The token was kept in this process's memory
    /// and is served from there (and written to the shared store once it can be encrypted); other servers do not see it
    /// until the key ring is fixed.
    /// </summary>
    public const string SharedStoreEncryptionFailed = "shared_store_encryption_failed";
    /// <summary>The app's configuration is incomplete or invalid.</summary>
    public const string InvalidConfiguration = "invalid_configuration";
    /// <summary>Server metadata discovery failed.</summary>
    public const string DiscoveryFailed = "discovery_failed";
    /// <summary>A response body could not be read as the requested type.</summary>
    public const string DeserializationFailed = "deserialization_failed";
    /// <summary>
    /// A request got no answer: the connection failed, the <c>HttpClient</c> timed out, or a handler in its pipeline
    /// (resilience, circuit breaker) gave up. <see cref="System.Exception.InnerException"/> holds the cause.
    /// </summary>
    public const string RequestFailed = "request_failed";
    /// <summary>
    /// A single-use token request (the authorization code or OAuth 1.0a verifier exchange) was sent but its answer was
    /// lost, or the <c>HttpClient</c> pipeline tried to send it a second time, which is never done. The grant cannot be
    /// used again: the sign-in must start over (a callback page can offer "try again").
    /// </summary>
    public const string RestartRequired = "restart_required";
    /// <summary>A token from the token store or getter cannot be sent (it is empty, or holds control or non-ASCII characters).</summary>
    public const string InvalidToken = "invalid_token";
    /// <summary>
    /// The token endpoint issued a token of a type the client does not implement (RFC 6749 §7.1): anything but a bearer
    /// token, unless <see cref="RemoteAppOptions.TokenTypePolicy"/> accepts it. The token was not used.
    /// </summary>
    public const string UnsupportedTokenType = "unsupported_token_type";
    /// <summary>
    /// The authorization response's <c>iss</c> is missing or is not the issuer the request was sent to (RFC 9207): it may
    /// come from another authorization server (a mix-up attack). Nothing was sent.
    /// </summary>
    public const string IssuerMismatch = "issuer_mismatch";
    /// <summary>
    /// The device authorization endpoint (RFC 8628 §3.1) refused the request or answered something that is not a device
    /// authorization; <see cref="OAuthException.Error"/> holds its error code when it sent one.
    /// </summary>
    public const string DeviceAuthorizationFailed = "device_authorization_failed";
    /// <summary>The user refused the device's request (RFC 8628 §3.5 <c>access_denied</c>). Nothing more is polled.</summary>
    public const string DeviceAuthorizationDenied = "device_authorization_denied";
    /// <summary>
    /// The device code expired before the user approved it (RFC 8628 §3.5 <c>expired_token</c>, or its <c>expires_in</c>
    /// passed on the app's clock). Start a new device authorization.
    /// </summary>
    public const string DeviceCodeExpired = "device_code_expired";
    /// <summary>
    /// OpenID Connect: the id_token failed a check of OIDC Core §3.1.3.7 (signature, iss, aud, azp, exp, nbf, iat, nonce,
    /// at_hash), or the token response of a flow that asked for the <c>openid</c> scope has none. The message names the
    /// check, never the token. The sign-in must start again.
    /// </summary>
    public const string IdTokenInvalid = "id_token_invalid";
    /// <summary>
    /// OpenID Connect: the UserInfo response is not a JSON object with a <c>sub</c>, or its <c>sub</c> is not the
    /// id_token's (OIDC Core §5.3.2: the response must not be used), or it is a signed JWT, which is not accepted.
    /// </summary>
    public const string UserInfoInvalid = "userinfo_invalid";
    /// <summary>
    /// The pushed authorization request endpoint (RFC 9126) refused the parameters or answered without a usable
    /// <c>request_uri</c> and <c>expires_in</c>; <see cref="OAuthException.Error"/> holds its error code. Nothing reached the
    /// browser; the authorization may be started again.
    /// </summary>
    public const string PushedAuthorizationFailed = "pushed_authorization_failed";
    /// <summary>
    /// A DPoP proof could not be made with <see cref="RemoteAppOptions.DPoPKey"/> (a curve other than P-256, an RSA key under
    /// 2048 bits, or a key without its private half), or a DPoP-bound token was to be sent by an app without
    /// <see cref="RemoteAppOptions.UseDPoP"/>. Nothing was sent.
    /// </summary>
    public const string DPoPFailed = "dpop_failed";
}
