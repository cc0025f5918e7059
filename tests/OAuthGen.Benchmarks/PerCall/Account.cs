using System;
using System.Text.Json.Serialization;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>The JSON POCO every per-call benchmark returns (a GitHub-style user).</summary>
public sealed class Account
{
    /// <summary>Numeric id.</summary>
    public long Id { get; set; }

    /// <summary>Login name.</summary>
    public string Login { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Public e-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Profile page.</summary>
    [JsonPropertyName("html_url")]
    public string? HtmlUrl { get; set; }

    /// <summary>Public repositories.</summary>
    [JsonPropertyName("public_repos")]
    public int PublicRepos { get; set; }

    /// <summary>Followers.</summary>
    public int Followers { get; set; }

    /// <summary>Whether the account is a site administrator.</summary>
    [JsonPropertyName("site_admin")]
    public bool SiteAdmin { get; set; }

    /// <summary>Creation time.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Source-generated JSON metadata, given to all three clients (OAuthGen's JsonContext, Refit's serializer options,
/// the hand-written ReadFromJsonAsync), so the benchmarks compare the clients, not two JSON strategies.
/// </summary>
[JsonSerializable(typeof(Account))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class BenchJson : JsonSerializerContext;
