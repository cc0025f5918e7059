namespace OAuthGen.Testing;

/// <summary>The endpoints of a <see cref="TestProvider"/>, for fault injection and request inspection.</summary>
public enum TestEndpoint
{
    /// <summary>A path the provider does not serve.</summary>
    Unknown,

    /// <summary>OAuth 1.0a temporary credentials (<c>/oauth1/request_token</c>).</summary>
    OAuth1RequestToken,

    /// <summary>OAuth 1.0a resource-owner authorization (<c>/oauth1/authorize</c>).</summary>
    OAuth1Authorize,

    /// <summary>OAuth 1.0a token credentials (<c>/oauth1/access_token</c>).</summary>
    OAuth1AccessToken,

    /// <summary>OAuth 2.0 authorization endpoint (<c>/oauth2/authorize</c>).</summary>
    OAuth2Authorize,

    /// <summary>OAuth 2.0 token endpoint (<c>/oauth2/token</c>): code exchange and refresh.</summary>
    OAuth2Token,

    /// <summary>RFC 7009 revocation (<c>/oauth2/revoke</c>).</summary>
    OAuth2Revocation,

    /// <summary>RFC 8414 metadata (<c>/.well-known/oauth-authorization-server</c>).</summary>
    Metadata,

    /// <summary>The protected API under <c>/api/</c>.</summary>
    Api,
}
