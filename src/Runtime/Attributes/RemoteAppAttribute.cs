using System;

namespace OAuthGen;

/// <summary>
/// Makes a <see langword="partial"/> interface a generated OAuth client. The named properties become the
/// client's <see cref="RemoteAppOptions"/> (<c>CreateOptions()</c>); configuration under <see cref="AppKey"/> fills
/// what is left out (secrets belong there, not in code).
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class RemoteAppAttribute(string name) : Attribute
{
    /// <summary>The app name (flask-oauthlib's <c>remote_app</c> name); unique per compilation.</summary>
    public string Name { get; } = name;

    /// <inheritdoc cref="RemoteAppOptions.BaseUrl"/>
    public string? BaseUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.RequestTokenUrl"/>
    public string? RequestTokenUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.AccessTokenUrl"/>
    public string? AccessTokenUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.AuthorizeUrl"/>
    public string? AuthorizeUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ConsumerKey"/>
    public string? ConsumerKey { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ConsumerSecret"/>
    public string? ConsumerSecret { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.AppKey"/>
    public string? AppKey { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.Scope"/>
    public string? Scope { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ApiOnly"/>
    /// <remarks>Declared here, it also keeps the compile-time endpoint checks (OAG015, OAG016) quiet: the app has no flows.</remarks>
    public bool ApiOnly { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ContentType"/>
    public string? ContentType { get; set; }

    /// <summary>HTTP method of the OAuth 1.0a request-token call (<c>"POST"</c>, the default, or <c>"GET"</c>).</summary>
    public string? RequestTokenMethod { get; set; }

    /// <summary>HTTP method of the token call (<c>"POST"</c> or <c>"GET"</c>).</summary>
    public string? AccessTokenMethod { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.SignatureMethod"/>
    public SignatureMethod SignatureMethod { get; set; } = SignatureMethod.HmacSha1;

    /// <inheritdoc cref="RemoteAppOptions.SignatureType"/>
    public SignatureType SignatureType { get; set; } = SignatureType.Header;

    /// <inheritdoc cref="RemoteAppOptions.ClientAuthMethod"/>
    public ClientAuthMethod ClientAuthMethod { get; set; } = ClientAuthMethod.ClientSecretPost;

    /// <inheritdoc cref="RemoteAppOptions.CodeChallengeMethod"/>
    public CodeChallengeMethod CodeChallengeMethod { get; set; } = CodeChallengeMethod.S256;

    /// <inheritdoc cref="RemoteAppOptions.TokenType"/>
    public string? TokenType { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.PushedAuthorization"/>
    public PushedAuthorization PushedAuthorization { get; set; } = PushedAuthorization.UseIfAvailable;

    /// <inheritdoc cref="RemoteAppOptions.PushedAuthorizationRequestUrl"/>
    public string? PushedAuthorizationRequestUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.UseDPoP"/>
    public bool UseDPoP { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.TokenPlacement"/>
    public TokenPlacement TokenPlacement { get; set; } = TokenPlacement.Header;

    /// <inheritdoc cref="RemoteAppOptions.ServerMetadataUrl"/>
    public string? ServerMetadataUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.RevocationUrl"/>
    public string? RevocationUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.Realm"/>
    public string? Realm { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.AllowInsecureHttp"/>
    public bool AllowInsecureHttp { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.DeviceAuthorizationUrl"/>
    public string? DeviceAuthorizationUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ClientAssertionAlgorithm"/>
    public string? ClientAssertionAlgorithm { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.ClientAssertionKeyId"/>
    public string? ClientAssertionKeyId { get; set; }
    /// <inheritdoc cref="RemoteAppOptions.JwksUrl"/>
    public string? JwksUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.UserInfoUrl"/>
    public string? UserInfoUrl { get; set; }

    /// <inheritdoc cref="RemoteAppOptions.EndSessionUrl"/>
    public string? EndSessionUrl { get; set; }

    /// <summary>A <c>JsonSerializerContext</c> type that knows the client's body and return types (AOT-safe JSON).</summary>
    public Type? JsonContext { get; set; }
}
