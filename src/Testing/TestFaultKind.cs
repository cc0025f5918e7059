namespace OAuthGen.Testing;

/// <summary>The kinds of <see cref="TestFault"/>.</summary>
public enum TestFaultKind
{
    /// <summary>The endpoint runs, then the connection drops.</summary>
    LostResponse,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>The answer comes late.</summary>
    Slow,

    /// <summary>HTTP 400 invalid_grant.</summary>
    InvalidGrant,

    /// <summary>An OAuth error with HTTP 200.</summary>
    ErrorOnHttp200,

    /// <summary>The JSON answer re-encoded as a form.</summary>
    GitHubFormToken,

    /// <summary>The JSON answer labelled text/plain.</summary>
    WeiboTextPlain,
}
