using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// The claims the UserInfo endpoint returned (OIDC Core §5.3.2), checked to be about the user the id_token names.
/// </summary>
public sealed record UserInfo
{
    /// <summary>The end user's identifier (<c>sub</c>), equal to the id_token's.</summary>
    public required string Subject { get; init; }

    /// <summary>Every claim of the response, as the JSON object the server sent.</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>A claim's value as text (a string claim, or the JSON text of any other), or <see langword="null"/> when absent.</summary>
    public string? Claim(string name) => ClaimText.Read(Claims, name);
}
