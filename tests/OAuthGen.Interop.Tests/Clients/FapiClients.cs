using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>The peer's DPoP resources at <c>/fapi</c> (peer/par_dpop.py).</summary>
public interface IFapiPeerApi : IRemoteApp
{
    /// <summary>The token's user, client and the thumbprint of the key its proof was signed with; throws <c>http_error</c> when refused.</summary>
    [Get("fapi/api/me")]
    Task<FapiUser> MeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>A resource that wants the server's current DPoP nonce in every proof.</summary>
    [Get("fapi/api/nonce/me")]
    Task<FapiUser> NonceMeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);
}

/// <summary>What the peer's DPoP resources answer.</summary>
public sealed class FapiUser
{
    public string? Username { get; set; }
    public string? ClientId { get; set; }
    public string? Method { get; set; }
    /// <summary>The RFC 7638 thumbprint of the proof's key, which the token is bound to.</summary>
    public string? Jkt { get; set; }
}

/// <summary>A FAPI-style client of <c>o2-post</c>: everything from the <c>/fapi</c> issuer's metadata, PAR required there, DPoP.</summary>
[RemoteApp("peer-fapi", BaseUrl = PeerClients.PlaceholderBase,
    ServerMetadataUrl = PeerClients.PlaceholderBase + ".well-known/oauth-authorization-server/fapi",
    ConsumerKey = "o2-post", Scope = "profile", UseDPoP = true, PushedAuthorization = PushedAuthorization.Require,
    JsonContext = typeof(FapiJson))]
public partial interface IPeerFapi : IFapiPeerApi;

/// <summary>The same client with configured endpoints (no discovery) and <c>client_secret_basic</c> at the PAR endpoint.</summary>
[RemoteApp("peer-fapi-configured", BaseUrl = PeerClients.PlaceholderBase,
    AuthorizeUrl = "fapi/authorize", AccessTokenUrl = "fapi/token", PushedAuthorizationRequestUrl = "fapi/par",
    ConsumerKey = "o2-basic", ClientAuthMethod = ClientAuthMethod.ClientSecretBasic, UseDPoP = true,
    JsonContext = typeof(FapiJson))]
public partial interface IPeerFapiConfigured : IFapiPeerApi;

/// <summary>A client without DPoP, for showing that a DPoP-bound token is never sent as a bearer token.</summary>
[RemoteApp("peer-fapi-bearer", BaseUrl = PeerClients.PlaceholderBase, AccessTokenUrl = "fapi/token",
    ConsumerKey = "o2-post", JsonContext = typeof(FapiJson))]
public partial interface IPeerFapiBearer : IFapiPeerApi;

/// <summary>The peer's snake_case JSON of the DPoP resources, read without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FapiUser))]
public sealed partial class FapiJson : JsonSerializerContext;
