using System.Text.Json.Serialization;
using OAuthGen;

namespace PhotoSite;

/// <summary>The app's generated API client. Endpoints and credentials come from configuration under "Photos".</summary>
[RemoteApp("photos", AppKey = "Photos", Scope = "profile email")]
public partial interface IPhotos
{
    /// <summary>The signed-in user, with the token the app keeps in its session.</summary>
    [Get("api/me")]
    Task<Me> GetMeAsync(OAuthToken token, CancellationToken cancellationToken = default);
}

/// <summary>What the API says about the user.</summary>
public sealed record Me(string Login, string Name, [property: JsonPropertyName("email")] string? Email);
