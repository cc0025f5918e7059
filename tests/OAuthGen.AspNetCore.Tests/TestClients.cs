using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.AspNetCore.Tests;

// The demo provider's API through each OAuth version; URLs and credentials come from configuration under the AppKey.

/// <summary>OAuth 1.0a (HMAC-SHA1).</summary>
[RemoteApp("test-oauth1", AppKey = "TestOAuth1")]
public partial interface ITestOAuth1
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<TestProfile> GetMeAsync(CancellationToken cancellationToken = default);
}

/// <summary>OAuth 2.0 (code + PKCE, rotating refresh tokens, revocation).</summary>
[RemoteApp("test-oauth2", AppKey = "TestOAuth2", Scope = "profile email")]
public partial interface ITestOAuth2
{
    /// <summary>The signed-in user.</summary>
    [Get("api/me")]
    Task<TestProfile> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>The signed-in user as JSON.</summary>
    [Get("api/me")]
    Task<JsonElement> GetMeJsonAsync(CancellationToken cancellationToken = default);
}

/// <summary>What <c>GET api/me</c> answers.</summary>
public sealed record TestProfile(string Id, string Login, string Name, string? Email,
    [property: JsonPropertyName("authenticated_with")] string AuthenticatedWith);
