using System.Text.Json;

namespace OAuthGen;

/// <summary>Reads one claim of a claims object as text.</summary>
internal static class ClaimText
{
    public static string? Read(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            }
            : null;
}
