namespace OAuthGen;

/// <summary>
/// Which leg of OAuth a request is, and so how each attempt is authenticated and whether a retry handler may send it
/// again. A grant that can be used only once (an authorization code, RFC 6749 §4.1.2; an OAuth 1.0a verifier, RFC 5849
/// §2.3; a refresh token the server may rotate, RFC 9700 §4.14) is never sent twice, whatever retry handlers the
/// HttpClient has: a provider that processed the first attempt refuses the second, and for a code it must also revoke
/// the tokens it issued. The other legs are harmless to repeat.
/// </summary>
/// <param name="Authentication">How each attempt is authenticated.</param>
/// <param name="Repeatable">Whether a retry handler may send it again.</param>
/// <param name="FailureType">The <see cref="OAuthException.Type"/> when it gets no answer, or a second attempt is refused.</param>
/// <param name="Description">What it is, for messages.</param>
/// <param name="TelemetryName">Its <c>oauthgen.leg</c> value in metrics: the grant type where it is one.</param>
internal sealed record RequestLeg(RequestAuthentication Authentication, bool Repeatable, string FailureType, string Description, string TelemetryName)
{
    /// <summary>A resource request: authenticated anew on every attempt.</summary>
    public static readonly RequestLeg Resource = new(RequestAuthentication.Resource, true, OAuthErrorType.RequestFailed, "request", "resource");

    /// <summary>The authorization code exchange (RFC 6749 §4.1.3): lost means the sign-in starts over.</summary>
    public static readonly RequestLeg CodeExchange = new(RequestAuthentication.Carried, false, OAuthErrorType.RestartRequired, "authorization code exchange", "authorization_code");

    /// <summary>A refresh (RFC 6749 §6): the server may rotate the refresh token on the first attempt.</summary>
    public static readonly RequestLeg Refresh = new(RequestAuthentication.Carried, false, OAuthErrorType.RefreshFailed, "token refresh", "refresh_token");

    /// <summary>A client credentials grant (RFC 6749 §4.4): asking twice costs a token, nothing more.</summary>
    public static readonly RequestLeg ClientCredentials = new(RequestAuthentication.Carried, true, OAuthErrorType.TokenEndpointError, "client credentials request", "client_credentials");

    /// <summary>A revocation (RFC 7009): revoking twice is the same as once.</summary>
    public static readonly RequestLeg Revocation = new(RequestAuthentication.Carried, true, OAuthErrorType.TokenEndpointError, "revocation request", "revocation");

    /// <summary>A device authorization request (RFC 8628 §3.1): asking again only issues another, unused device code.</summary>
    public static readonly RequestLeg DeviceAuthorization = new(RequestAuthentication.Carried, true, OAuthErrorType.DeviceAuthorizationFailed, "device authorization request", "device_authorization");

    /// <summary>A device access token poll (RFC 8628 §3.4): polling is repeated by design.</summary>
    public static readonly RequestLeg DeviceCode = new(RequestAuthentication.Carried, true, OAuthErrorType.TokenEndpointError, "device code poll", "device_code");

    /// <summary>A pushed authorization request (RFC 9126): pushing again only makes another request_uri.</summary>
    public static readonly RequestLeg PushedAuthorization = new(RequestAuthentication.Carried, true, OAuthErrorType.PushedAuthorizationFailed, "pushed authorization request", "pushed_authorization");

    /// <summary>The server metadata document (RFC 8414): a public GET.</summary>
    public static readonly RequestLeg Discovery = new(RequestAuthentication.Carried, true, OAuthErrorType.DiscoveryFailed, "metadata request", "discovery");

    /// <summary>OAuth 1.0a temporary credentials (RFC 5849 §2.1): signed anew with a fresh nonce; an unused request token expires.</summary>
    public static readonly RequestLeg OAuth1RequestToken = new(RequestAuthentication.OAuth1TokenRequest, true, OAuthErrorType.TokenEndpointError, "request-token request", "oauth1_request_token");

    /// <summary>OAuth 1.0a token credentials (RFC 5849 §2.3): the verifier and request token are single-use.</summary>
    public static readonly RequestLeg OAuth1VerifierExchange = new(RequestAuthentication.OAuth1TokenRequest, false, OAuthErrorType.RestartRequired, "verifier exchange", "oauth1_access_token");

    /// <summary>What the caller can do when a single-use request got no answer.</summary>
    public string RestartAdvice => FailureType switch
    {
        OAuthErrorType.RestartRequired => "Start the sign-in again.",
        OAuthErrorType.RefreshFailed => "The stored token was left as it was; if the server rotated its refresh token, sign in again.",
        _ => "",
    };
}

/// <summary>How the attempts of a <see cref="RequestLeg"/> are authenticated.</summary>
internal enum RequestAuthentication
{
    /// <summary>A resource request: the current token (OAuth 2.0) or a fresh signature (OAuth 1.0a), then PreRequest.</summary>
    Resource,

    /// <summary>The request carries its own credentials (client authentication at OAuth 2.0 endpoints), or needs none.</summary>
    Carried,

    /// <summary>An OAuth 1.0a temporary-credentials or token-credentials request, signed anew each attempt.</summary>
    OAuth1TokenRequest,
}
