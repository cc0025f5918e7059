using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The id, name and e-mail claims read from the fields most providers use for them, for apps that map no user or map
/// one from untyped JSON: OAuth 1.0a token responses (Twitter's <c>user_id</c> and <c>screen_name</c>), OpenID Connect
/// style <c>sub</c> / <c>preferred_username</c>, and the <c>id</c> / <c>login</c> / <c>name</c> / <c>email</c> of
/// GitHub-like user endpoints. The handle (login) wins over the display name because it is what users sign in as.
/// </summary>
internal static class DefaultClaims
{
    private static readonly string[] IdFields = ["id", "sub", "user_id", "uid", "idstr"];
    private static readonly string[] NameFields = ["login", "preferred_username", "screen_name", "username", "name"];
    private static readonly string[] EmailFields = ["email"];

    /// <summary>Fills the claims still missing from the provider's token response fields.</summary>
    public static void FromTokenResponse(RemoteAppClaims claims, IReadOnlyDictionary<string, string> fields) =>
        Fill(claims, name => fields.TryGetValue(name, out var value) ? value : null);

    /// <summary>Fills the claims still missing from a user object's top-level fields.</summary>
    public static void FromJson(RemoteAppClaims claims, JsonElement user)
    {
        if (user.ValueKind != JsonValueKind.Object) return;
        Fill(claims, name => user.TryGetProperty(name, out var value) ? Text(value) : null);
    }

    private static void Fill(RemoteAppClaims claims, Func<string, string?> field)
    {
        claims.Id ??= First(IdFields, field);
        claims.Name ??= First(NameFields, field);
        claims.Email ??= First(EmailFields, field);
    }

    private static string? First(string[] names, Func<string, string?> field)
    {
        foreach (var name in names)
        {
            if (field(name) is { Length: > 0 } value) return value;
        }
        return null;
    }

    // Ids are numbers at many providers (GitHub, Twitter's v1 JSON); their text form is the claim.
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
