using System;
using System.Text.Json;

namespace OAuthGen;

/// <summary>Members of a JSON object a server answered, read the way every endpoint reader needs them.</summary>
internal static class JsonMember
{
    /// <summary>
    /// The member <paramref name="name"/> of <paramref name="json"/> when it is a non-empty string; otherwise (absent, empty,
    /// another kind, or not valid text such as a lone surrogate escape) <see langword="null"/>, so a hostile value is
    /// treated as missing instead of escaping as an InvalidOperationException.
    /// </summary>
    public static string? Text(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString() is { Length: > 0 } text ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
