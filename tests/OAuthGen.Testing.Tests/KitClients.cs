using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Testing.Tests;

// Generated clients of the provider's API, declared as an app declares them: endpoints and credentials come from the
// provider at run time (TestProvider.CreateOptions or ConfigurationFor), so the attributes name only the app key.

/// <summary>The API through OAuth 1.0a.</summary>
[RemoteApp("kit-oauth1", AppKey = "KitOAuth1")]
public partial interface IKitOAuth1
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<KitProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a signed form field; the provider echoes it.</summary>
    [Post("api/echo")]
    Task<JsonElement> EchoAsync([Field("message")] string message, CancellationToken cancellationToken = default);
}

/// <summary>The API through OAuth 2.0.</summary>
[RemoteApp("kit-oauth2", AppKey = "KitOAuth2", Scope = "profile email")]
public partial interface IKitOAuth2
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<KitProfile> GetMeAsync(CancellationToken cancellationToken = default);
}

/// <summary>What <c>api/me</c> answers.</summary>
public sealed record KitProfile(
    string Id,
    string Login,
    string Name,
    string? Email,
    [property: JsonPropertyName("authenticated_with")] string AuthenticatedWith);
