using System.Linq;
using System.Security.Claims;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The claims of the user signing in, as a <c>MapUser</c> callback fills them: the usual three by name, anything else
/// with <see cref="Add"/>. Empty values are skipped, so a provider field that may be missing can be passed as it is.
/// </summary>
public sealed class RemoteAppClaims
{
    internal RemoteAppClaims(ClaimsIdentity identity, string issuer)
    {
        Identity = identity;
        Issuer = issuer;
    }

    /// <summary>The identity being built; its claims are issued by the authentication scheme.</summary>
    public ClaimsIdentity Identity { get; }

    /// <summary>The issuer every added claim carries (the scheme's <c>ClaimsIssuer</c>).</summary>
    public string Issuer { get; }

    /// <summary>The user's stable id at the provider (<see cref="ClaimTypes.NameIdentifier"/>); setting it replaces the previous one.</summary>
    public string? Id
    {
        get => Identity.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        set => Replace(ClaimTypes.NameIdentifier, value);
    }

    /// <summary>The name shown for the user (<see cref="ClaimTypes.Name"/>, <c>User.Identity.Name</c>); setting it replaces the previous one.</summary>
    public string? Name
    {
        get => Identity.FindFirst(ClaimTypes.Name)?.Value;
        set => Replace(ClaimTypes.Name, value);
    }

    /// <summary>The user's e-mail address (<see cref="ClaimTypes.Email"/>); setting it replaces the previous one.</summary>
    public string? Email
    {
        get => Identity.FindFirst(ClaimTypes.Email)?.Value;
        set => Replace(ClaimTypes.Email, value);
    }

    /// <summary>Adds a claim of <paramref name="type"/>, unless <paramref name="value"/> is null or empty.</summary>
    /// <returns>This object, to chain calls.</returns>
    public RemoteAppClaims Add(string type, string? value)
    {
        if (!string.IsNullOrEmpty(value)) Identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, Issuer));
        return this;
    }

    private void Replace(string type, string? value)
    {
        foreach (var existing in Identity.FindAll(type).ToArray()) Identity.RemoveClaim(existing);
        Add(type, value);
    }
}
