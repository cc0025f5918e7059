namespace OAuthGen;

/// <summary>
/// What a request to the token or revocation endpoint is, as far as sending it again goes. A grant that can be used only
/// once (an authorization code, RFC 6749 §4.1.2; a refresh token the server may rotate, RFC 9700 §4.14) is never sent
/// twice, whatever retry handlers the HttpClient has: a provider that processed the first attempt would refuse the
/// second, and for a code it must also revoke the tokens it issued. The others are harmless to repeat.
/// </summary>
/// <param name="Repeatable">Whether a retry handler may send it again.</param>
/// <param name="FailureType">The <see cref="OAuthException.Type"/> when it gets no answer.</param>
/// <param name="Description">What it is, for messages.</param>
internal sealed record TokenEndpointRequestKind(bool Repeatable, string FailureType, string Description)
{
    /// <summary>The authorization code exchange (RFC 6749 §4.1.3): lost means the sign-in starts over.</summary>
    public static readonly TokenEndpointRequestKind CodeExchange = new(false, OAuthErrorType.RestartRequired, "authorization code exchange");

    /// <summary>A refresh (RFC 6749 §6): the server may rotate the refresh token on the first attempt.</summary>
    public static readonly TokenEndpointRequestKind Refresh = new(false, OAuthErrorType.RefreshFailed, "token refresh");

    /// <summary>A client credentials grant (RFC 6749 §4.4): asking twice costs a token, nothing more.</summary>
    public static readonly TokenEndpointRequestKind ClientCredentials = new(true, OAuthErrorType.TokenEndpointError, "client credentials request");

    /// <summary>A revocation (RFC 7009): revoking twice is the same as once.</summary>
    public static readonly TokenEndpointRequestKind Revocation = new(true, OAuthErrorType.TokenEndpointError, "revocation request");
}
