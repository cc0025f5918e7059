using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Redis.FarmWorker;

/// <summary>
/// The Authlib peer's <c>o2-post</c> client (refresh-token rotation on). URLs are written against a placeholder and moved
/// to the live peer by <see cref="FarmContainer"/>.
/// </summary>
[RemoteApp("farm-app", BaseUrl = "http://127.0.0.1/", AuthorizeUrl = "http://127.0.0.1/oauth2/authorize",
    AccessTokenUrl = "http://127.0.0.1/oauth2/token", ConsumerKey = "o2-post", Scope = "profile email",
    ClientAuthMethod = ClientAuthMethod.ClientSecretPost, JsonContext = typeof(FarmJson))]
public partial interface IFarmApp
{
    /// <summary>The token's user and client.</summary>
    [Get("api/me")]
    Task<FarmUser> MeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);
}

/// <summary>What the peer's <c>/api/me</c> answers.</summary>
public sealed record FarmUser([property: JsonPropertyName("username")] string? Username, [property: JsonPropertyName("client_id")] string? ClientId);

/// <summary>JSON metadata for the worker's types.</summary>
[JsonSerializable(typeof(FarmUser))]
[JsonSerializable(typeof(FarmResult))]
public sealed partial class FarmJson : JsonSerializerContext;
