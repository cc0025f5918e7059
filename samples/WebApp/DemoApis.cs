using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.WebApp;

// URLs and credentials come from configuration under each AppKey: the site starts the demo provider on a free port
// and puts its addresses there (DemoSite.Configure).

/// <summary>The demo API through OAuth 1.0a.</summary>
[RemoteApp("demo-oauth1", AppKey = "DemoOAuth1")]
public partial interface IDemoOAuth1
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<DemoProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Echoes a signed form post.</summary>
    [Post("api/echo")]
    Task<JsonElement> EchoAsync([Field("message")] string message, CancellationToken cancellationToken = default);
}

/// <summary>The demo API through OAuth 2.0 (code + PKCE, refresh).</summary>
[RemoteApp("demo-oauth2", AppKey = "DemoOAuth2", Scope = "profile email")]
public partial interface IDemoOAuth2
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<DemoProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Echoes a form post.</summary>
    [Post("api/echo")]
    Task<JsonElement> EchoAsync([Field("message")] string message, CancellationToken cancellationToken = default);
}

/// <summary>What <c>GET api/me</c> answers.</summary>
public sealed record DemoProfile(
    string Id,
    string Login,
    string Name,
    string? Email,
    [property: JsonPropertyName("authenticated_with")] string AuthenticatedWith);
