using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Testing;

/// <summary>An OAuth 2.0 client registered at a <see cref="TestProvider"/>.</summary>
public sealed record OAuth2Client
{
    internal OAuth2Client(string clientId, string? secret, IReadOnlyList<ClientAuthMethod> authenticationMethods,
        IReadOnlyList<string> redirectUris, bool allowPlainPkce)
    {
        ClientId = clientId;
        Secret = secret;
        AuthenticationMethods = authenticationMethods;
        RedirectUris = redirectUris;
        AllowPlainPkce = allowPlainPkce;
    }

    /// <summary>The <c>client_id</c>.</summary>
    public string ClientId { get; }

    /// <summary>The client secret; <see langword="null"/> for a public client.</summary>
    public string? Secret { get; }

    /// <summary>
    /// How the client must authenticate at the token and revocation endpoints (RFC 6749 §2.3.1); the first is the one
    /// <see cref="TestProvider.CreateOptions(OAuth2Client, RemoteAppOptions?)"/> configures. Any other is <c>invalid_client</c>.
    /// </summary>
    public IReadOnlyList<ClientAuthMethod> AuthenticationMethods { get; }

    /// <summary>The method a generated client is configured with.</summary>
    public ClientAuthMethod Authentication => AuthenticationMethods[0];

    /// <summary>Whether the client is public (<c>none</c>: PKCE is its only proof).</summary>
    public bool IsPublic => AuthenticationMethods.Contains(ClientAuthMethod.None) && Secret is null;

    /// <summary>Registered redirect URIs, compared exactly, except that a loopback IP literal matches on any port (RFC 8252 §7.3).</summary>
    public IReadOnlyList<string> RedirectUris { get; }

    /// <summary>This registration with one more redirect URI.</summary>
    internal OAuth2Client WithRedirectUri(string redirectUri) =>
        new(ClientId, Secret, AuthenticationMethods, [.. RedirectUris, redirectUri], AllowPlainPkce);

    /// <summary>Whether <c>code_challenge_method=plain</c> is accepted besides S256; PKCE itself is always required.</summary>
    public bool AllowPlainPkce { get; }

    /// <summary>Keeps the secret out of test output.</summary>
    public override string ToString() =>
        $"OAuth2Client {{ ClientId = {ClientId}, AuthenticationMethods = [{string.Join(", ", AuthenticationMethods)}] }}";
}
