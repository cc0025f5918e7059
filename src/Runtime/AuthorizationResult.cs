using System;

namespace OAuthGen;

/// <summary>
/// The outcome of a callback: a granted <see cref="Token"/>, or a denial by the user with the provider's error.
/// Forged or broken callbacks are not results: they throw <see cref="OAuthException"/>.
/// </summary>
public sealed record AuthorizationResult
{
    private AuthorizationResult() { }

    /// <summary>Whether the user (or provider) denied access.</summary>
    public bool IsDenied => Token is null;

    /// <summary>The token when access was granted.</summary>
    public OAuthToken? Token { get; private init; }

    /// <summary>The error code of a denial (<c>access_denied</c>; <c>denied</c> for OAuth 1.0a).</summary>
    public string? Error { get; private init; }

    /// <summary>The provider's human-readable description of the denial, if any.</summary>
    public string? ErrorDescription { get; private init; }

    /// <summary>The provider's page about the denial, if any.</summary>
    public Uri? ErrorUri { get; private init; }

    /// <summary>
    /// OpenID Connect: the validated id_token of a flow whose scope held <c>openid</c>; <see langword="null"/> otherwise.
    /// </summary>
    public IdToken? IdToken { get; private init; }

    /// <summary>A granted OpenID Connect result with the validated <paramref name="idToken"/>.</summary>
    public static AuthorizationResult Granted(OAuthToken token, IdToken idToken) =>
        Granted(token) with { IdToken = idToken ?? throw new ArgumentNullException(nameof(idToken)) };

    /// <summary>A granted result.</summary>
    public static AuthorizationResult Granted(OAuthToken token) => new() { Token = token ?? throw new ArgumentNullException(nameof(token)) };

    /// <summary>A denied result.</summary>
    public static AuthorizationResult Denied(string error, string? description = null, Uri? errorUri = null) =>
        new() { Error = error, ErrorDescription = description, ErrorUri = errorUri };
}
