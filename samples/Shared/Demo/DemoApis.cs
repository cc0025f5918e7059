using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples;

// Two generated clients of the demo API, one per OAuth version, shared by the Quickstart and the WebApp (linked into
// both). The demo provider listens on a port picked at startup, so URLs and credentials come from configuration under
// the AppKey (flask-oauthlib's app_key) instead of the attribute; a client of a real provider would write its URLs
// here (see samples/GitHub).

/// <summary>The demo API through OAuth 1.0a (HMAC-SHA1 signatures): a Twitter-style client.</summary>
[RemoteApp("demo-oauth1", AppKey = "DemoOAuth1")]
public partial interface IDemoOAuth1
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<DemoProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a form field, covered by the OAuth 1.0a signature; the provider echoes what it received.</summary>
    [Post("api/echo")]
    Task<JsonElement> EchoAsync([Field("message")] string message, CancellationToken cancellationToken = default);
}

/// <summary>The demo API through OAuth 2.0 (authorization code + PKCE, bearer tokens, refresh): a GitHub-style client.</summary>
[RemoteApp("demo-oauth2", AppKey = "DemoOAuth2", Scope = "profile email")]
public partial interface IDemoOAuth2
{
    /// <summary>The signed-in user (<c>email</c> only with the <c>email</c> scope).</summary>
    [Get("api/me")]
    Task<DemoProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Posts a form field with the bearer token; the provider echoes what it received.</summary>
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
