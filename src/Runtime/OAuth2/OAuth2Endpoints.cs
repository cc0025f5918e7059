using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>Where an app's OAuth 2.0 endpoints are: the configured URLs first, else the server's metadata document.</summary>
internal sealed class OAuth2Endpoints(RemoteApp app)
{
    private RemoteAppOptions Options => app.Settings;

    /// <summary>The authorization endpoint (RFC 6749 §3.1).</summary>
    public ValueTask<Uri> AuthorizationAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.AuthorizeUrl, nameof(RemoteAppOptions.AuthorizeUrl), static m => m.AuthorizationEndpoint, "authorization_endpoint", cancellationToken);

    /// <summary>The token endpoint (RFC 6749 §3.2).</summary>
    public ValueTask<Uri> TokenAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.AccessTokenUrl, nameof(RemoteAppOptions.AccessTokenUrl), static m => m.TokenEndpoint, "token_endpoint", cancellationToken);

    /// <summary>The revocation endpoint (RFC 7009 §2).</summary>
    public ValueTask<Uri> RevocationAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.RevocationUrl, nameof(RemoteAppOptions.RevocationUrl), static m => m.RevocationEndpoint, "revocation_endpoint", cancellationToken);

    /// <summary>The device authorization endpoint (RFC 8628 §3.1; discovered as <c>device_authorization_endpoint</c>).</summary>
    public ValueTask<Uri> DeviceAuthorizationAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.DeviceAuthorizationUrl, nameof(RemoteAppOptions.DeviceAuthorizationUrl),
            static m => m.Text("device_authorization_endpoint"), "device_authorization_endpoint", cancellationToken);
    /// <summary>OpenID Connect: the JWKS with the server's signing keys (<c>jwks_uri</c>).</summary>
    public ValueTask<Uri> JwksAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.JwksUrl, nameof(RemoteAppOptions.JwksUrl), static m => m.Text("jwks_uri"), "jwks_uri", cancellationToken);

    /// <summary>OpenID Connect: the UserInfo endpoint (OIDC Core §5.3).</summary>
    public ValueTask<Uri> UserInfoAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.UserInfoUrl, nameof(RemoteAppOptions.UserInfoUrl), static m => m.Text("userinfo_endpoint"), "userinfo_endpoint", cancellationToken);

    /// <summary>OpenID Connect RP-Initiated Logout 1.0: the end-session endpoint.</summary>
    public ValueTask<Uri> EndSessionAsync(CancellationToken cancellationToken) =>
        ResolveAsync(Options.EndSessionUrl, nameof(RemoteAppOptions.EndSessionUrl), static m => m.Text("end_session_endpoint"), "end_session_endpoint", cancellationToken);
    /// <summary>
    /// The pushed authorization request endpoint (RFC 9126 §5): the configured URL, else the discovered one, else
    /// <see langword="null"/>; with <see cref="PushedAuthorization.Disable"/> always <see langword="null"/>.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidConfiguration"/>: pushing is required (by the options or the
    /// server's <c>require_pushed_authorization_requests</c>) and no endpoint is known.</exception>
    public async ValueTask<Uri?> PushedAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (Options.PushedAuthorization == PushedAuthorization.Disable) return null;
        if (Options.PushedAuthorizationRequestUrl is { } configured) return app.ResolveUrl(configured);
        const string member = "pushed_authorization_request_endpoint";
        // Explicit URLs win over the document: an app that names its authorization endpoint is not switched to pushing by a
        // metadata fetch it would otherwise never make, unless it asks for pushing.
        if (Options.AuthorizeUrl is not null && Options.PushedAuthorization != PushedAuthorization.Require) return null;
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        if (metadata?.Endpoint(app, member, metadata.Text(member)) is { } discovered)
        {
            app.EnsureSecure(discovered);
            return discovered;
        }
        if (Options.PushedAuthorization == PushedAuthorization.Require || metadata?.Flag("require_pushed_authorization_requests") == true)
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration,
                $"'{Options.Name}' must push its authorization requests (RFC 9126), but no endpoint is known: set " +
                $"RemoteAppOptions.{nameof(RemoteAppOptions.PushedAuthorizationRequestUrl)} or use a server whose metadata names its {member}.");
        }
        return null;
    }

    /// <summary>The discovered metadata, or <see langword="null"/> when the app has no <see cref="RemoteAppOptions.ServerMetadataUrl"/>.</summary>
    public async ValueTask<ServerMetadata?> MetadataAsync(CancellationToken cancellationToken) =>
        Options.ServerMetadataUrl is null ? null : await ServerMetadata.GetAsync(app, cancellationToken).ConfigureAwait(false);

    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidConfiguration"/> when neither a URL nor discovery is configured;
    /// <see cref="OAuthErrorType.DiscoveryFailed"/> when discovery fails or the document lacks the endpoint.</exception>
    private async ValueTask<Uri> ResolveAsync(string? configured, string propertyName, Func<ServerMetadata, string?> discovered, string member,
        CancellationToken cancellationToken)
    {
        if (configured is not null) return app.ResolveUrl(configured);
        if (Options.ServerMetadataUrl is null)
        {
            // Without discovery the URL is required. With AppKey it may be missing until now; the error names the
            // configuration keys it should come from.
            return app.ResolveUrl(RemoteAppOptionsValidator.RequireCredential(Options, configured, propertyName));
        }
        var metadata = await ServerMetadata.GetAsync(app, cancellationToken).ConfigureAwait(false);
        var endpoint = metadata.Endpoint(app, member, discovered(metadata)) ?? throw new OAuthException(OAuthErrorType.DiscoveryFailed,
            $"The server metadata at {Options.ServerMetadataUrl} has no {member}; set RemoteAppOptions.{propertyName}.");
        // The document is cached process-wide and may have been fetched by a laxer app: check against this app's rules.
        app.EnsureSecure(endpoint);
        return endpoint;
    }
}
