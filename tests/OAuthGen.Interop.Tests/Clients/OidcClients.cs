using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>
/// OpenID Connect at the peer's own issuer (<c>B/oidc</c>): only discovery and the <c>openid</c> scope are declared;
/// the JWKS, UserInfo and end-session endpoints come from the discovery document.
/// </summary>
[RemoteApp("peer-oidc", BaseUrl = PeerClients.PlaceholderBase,
    ServerMetadataUrl = PeerClients.PlaceholderBase + "oidc/.well-known/openid-configuration",
    ConsumerKey = "oidc-client", Scope = "openid profile email", JsonContext = typeof(PeerJson))]
public partial interface IPeerOidc
{
    /// <summary>The UserInfo endpoint as a plain typed call (no subject check).</summary>
    [Get("oidc/userinfo")]
    Task<JsonElement> RawUserInfoAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);
}
