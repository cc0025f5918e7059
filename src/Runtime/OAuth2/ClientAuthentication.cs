using System;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// How the client proves its identity at the token, revocation and device authorization endpoints (RFC 6749 §2.3.1;
/// JWT assertions: RFC 7523 §2.2, OpenID Connect Core §9).
/// </summary>
internal static class ClientAuthentication
{
    /// <summary>
    /// Adds the client's credentials to <paramref name="form"/> (client_secret_post, none, private_key_jwt,
    /// client_secret_jwt) or returns the Basic header to send (client_secret_basic).
    /// </summary>
    /// <param name="options">The app's options.</param>
    /// <param name="form">The request's form.</param>
    /// <param name="assertionAudience">The <c>aud</c> of a JWT client assertion (the token endpoint URL, or
    /// <see cref="RemoteAppOptions.ClientAssertionAudience"/>); required by the JWT methods, whatever endpoint is called.</param>
    /// <exception cref="OAuthException">A credential the method needs is missing (<see cref="OAuthErrorType.InvalidConfiguration"/>).</exception>
    public static AuthenticationHeaderValue? Apply(RemoteAppOptions options, FormData form, string? assertionAudience = null)
    {
        var clientId = RemoteAppOptionsValidator.RequireCredential(options, options.ConsumerKey, nameof(RemoteAppOptions.ConsumerKey));
        switch (options.ClientAuthMethod)
        {
            case ClientAuthMethod.ClientSecretPost:
                form.Add("client_id", clientId);
                form.Add("client_secret", RequireSecret(options));
                return null;
            case ClientAuthMethod.ClientSecretBasic:
                var secret = RequireSecret(options);
                // RFC 6749 §2.3.1 form-encodes both before base64, and Keycloak needs that for secrets with '+'; many other
                // servers never decode them, so raw is the default and the RFC form is an option.
                // A raw client id with ':' (a URL as client id) would be split there by the server (RFC 7617), so such
                // credentials are always encoded: raw could never work for them.
                return new AuthenticationHeaderValue("Basic",
                    BasicCredential(clientId, secret, formEncoded: options.FormEncodeBasicCredentials || clientId.Contains(':')));
            case ClientAuthMethod.None:
                // A public client identifies itself but has nothing to prove; PKCE protects its codes.
                form.Add("client_id", clientId);
                return null;
            case ClientAuthMethod.PrivateKeyJwt or ClientAuthMethod.ClientSecretJwt:
                ArgumentNullException.ThrowIfNull(assertionAudience);
                // RFC 7521 §4.2 makes client_id optional beside an assertion (its sub names the client); Microsoft Entra ID
                // requires it, and no server refuses it.
                form.Add("client_id", clientId);
                form.Add("client_assertion_type", ClientAssertion.AssertionType);
                form.Add("client_assertion", ClientAssertion.Create(options, clientId, assertionAudience));
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.ClientAuthMethod, "Unknown client authentication method.");
        }
    }

    /// <summary>
    /// The <c>aud</c> of a JWT client assertion: <see cref="RemoteAppOptions.ClientAssertionAudience"/>, else the token
    /// endpoint URL at every endpoint (OpenID Connect Core §9; Authlib checks exactly that, and RFC 9126 §2 has pushed
    /// authorization endpoints accept it too); <see langword="null"/> for the methods that send no assertion.
    /// </summary>
    public static async ValueTask<string?> AssertionAudienceAsync(RemoteApp app, CancellationToken cancellationToken)
    {
        var options = app.Settings;
        if (options.ClientAuthMethod is not (ClientAuthMethod.PrivateKeyJwt or ClientAuthMethod.ClientSecretJwt)) return null;
        if (options.ClientAssertionAudience is { } audience) return audience;
        return (await new OAuth2Endpoints(app).TokenAsync(cancellationToken).ConfigureAwait(false)).AbsoluteUri;
    }

    private static string RequireSecret(RemoteAppOptions options) =>
        RemoteAppOptionsValidator.RequireCredential(options, options.ConsumerSecret, nameof(RemoteAppOptions.ConsumerSecret));

    /// <summary>The client_secret_basic credential: base64 of <c>id:secret</c>, each form-encoded first when asked (RFC 6749 §2.3.1).</summary>
    public static string BasicCredential(string clientId, string secret, bool formEncoded) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(formEncoded ? $"{FormEncode(clientId)}:{FormEncode(secret)}" : $"{clientId}:{secret}"));

    /// <summary>application/x-www-form-urlencoded (RFC 6749 Appendix B): RFC 3986 escaping with space as '+'.</summary>
    public static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
