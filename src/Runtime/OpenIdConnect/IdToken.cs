using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// The claims of a validated OpenID Connect id_token (OIDC Core §2): who signed in, at which issuer, for which client.
/// Every value here passed the checks of OIDC Core §3.1.3.7; see docs/openid-connect.md.
/// </summary>
/// <remarks><see cref="ToString"/> leaves out <see cref="RawToken"/>, which proves the user's sign-in to whoever holds it.</remarks>
public sealed record IdToken
{
    /// <summary>The end user's identifier at the issuer (<c>sub</c>): stable and unique per issuer, the key to store.</summary>
    public required string Subject { get; init; }

    /// <summary>The issuer that signed it (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The audiences (<c>aud</c>); this client's id is one of them.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>When it expires (<c>exp</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was issued (<c>iat</c>).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the user authenticated (<c>auth_time</c>), when the server says.</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    /// <summary>The nonce it carried, equal to the one the flow sent.</summary>
    public string? Nonce { get; init; }

    /// <summary>Every claim of the payload, as the JSON object the server signed (<c>name</c>, <c>email</c>, <c>acr</c>...).</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>
    /// The compact id_token as received, for <see cref="IRemoteApp.EndSessionUrlAsync"/>'s <c>id_token_hint</c>. Keep it
    /// as you keep tokens; it is left out of <see cref="ToString"/>.
    /// </summary>
    public required string RawToken { get; init; }

    /// <summary>A claim's value as text (a string claim, or the JSON text of any other), or <see langword="null"/> when absent.</summary>
    public string? Claim(string name) => ClaimText.Read(Claims, name);

    /// <summary>Describes the identity without the raw token.</summary>
    public override string ToString() =>
        $"IdToken {{ Subject = {Subject}, Issuer = {Issuer}, Audiences = [{string.Join(", ", Audiences)}], ExpiresAt = {ExpiresAt:O}, IssuedAt = {IssuedAt:O} }}";
}
