namespace OAuthGen;

/// <summary>How an OAuth 1.0a request is signed (RFC 5849 §3.4).</summary>
public enum SignatureMethod
{
    /// <summary>HMAC-SHA1, the RFC 5849 default and what Twitter-style providers expect.</summary>
    HmacSha1,
    /// <summary>HMAC-SHA256 (not in RFC 5849, widely supported).</summary>
    HmacSha256,
    /// <summary>HMAC-SHA512 (not in RFC 5849, widely supported).</summary>
    HmacSha512,
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-1, keyed by <see cref="RemoteAppOptions.RsaKey"/>.</summary>
    RsaSha1,
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, keyed by <see cref="RemoteAppOptions.RsaKey"/>.</summary>
    RsaSha256,
    /// <summary>PLAINTEXT: the signature is the key itself; only safe over TLS.</summary>
    Plaintext,
}

/// <summary>Where the OAuth 1.0a protocol parameters travel (RFC 5849 §3.5).</summary>
public enum SignatureType
{
    /// <summary>In the <c>Authorization: OAuth ...</c> header (the default).</summary>
    Header,
    /// <summary>In the request URI's query.</summary>
    Query,
    /// <summary>In an <c>application/x-www-form-urlencoded</c> body.</summary>
    Body,
}

/// <summary>How an OAuth 2.0 client authenticates at the token endpoint (RFC 6749 §2.3).</summary>
public enum ClientAuthMethod
{
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body (flask-oauthlib's behaviour).</summary>
    ClientSecretPost,
    /// <summary>HTTP Basic with the client credentials.</summary>
    ClientSecretBasic,
    /// <summary>A public client: only <c>client_id</c> is sent.</summary>
    None,
    /// <summary>
    /// <c>private_key_jwt</c> (RFC 7523 §2.2, OpenID Connect Core §9): a JWT signed with
    /// <see cref="RemoteAppOptions.ClientAssertionKey"/>, an RSA or EC private key; the server holds the public half.
    /// </summary>
    PrivateKeyJwt,
    /// <summary>
    /// <c>client_secret_jwt</c> (OpenID Connect Core §9): a JWT signed with HMAC keyed by
    /// <see cref="RemoteAppOptions.ConsumerSecret"/>, which itself never travels.
    /// </summary>
    ClientSecretJwt,
}

/// <summary>The PKCE challenge method (RFC 7636).</summary>
public enum CodeChallengeMethod
{
    /// <summary>SHA-256 of the verifier, base64url without padding (the default).</summary>
    S256,
    /// <summary>The verifier itself, for servers that support nothing else.</summary>
    Plain,
    /// <summary>No PKCE at all.</summary>
    None,
}

/// <summary>How request data is encoded in the body (flask-oauthlib's <c>format</c>).</summary>
public enum BodyFormat
{
    /// <summary><c>application/x-www-form-urlencoded</c>; on GET the data goes to the query instead.</summary>
    UrlEncoded,
    /// <summary><c>application/json</c>.</summary>
    Json,
}

/// <summary>Where an OAuth 2.0 access token is placed on resource requests (RFC 6750 §2).</summary>
public enum TokenPlacement
{
    /// <summary><c>Authorization: &lt;TokenType&gt; &lt;token&gt;</c> (the default).</summary>
    Header,
    /// <summary>An <c>access_token</c> query parameter.</summary>
    Query,
    /// <summary>An <c>access_token</c> field in a form body; on a GET or HEAD, which have none (RFC 6750 §2.2), the query.</summary>
    Body,
}

/// <summary>Whether authorization requests are pushed to the server first (RFC 9126).</summary>
public enum PushedAuthorization
{
    /// <summary>Pushed when an endpoint is configured or discovered (the default).</summary>
    UseIfAvailable,
    /// <summary>Never pushed: the parameters travel in the redirect URL.</summary>
    Disable,
    /// <summary>Always pushed: without a configured or discovered endpoint the authorization fails (<see cref="OAuthErrorType.InvalidConfiguration"/>).</summary>
    Require,
}
