using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples.DemoProvider.OAuth2;

/// <summary>RFC 6749 §2.3: who is calling the token endpoint.</summary>
internal static class ClientAuthentication
{
    /// <summary>
    /// Accepts <c>client_secret_basic</c> (credentials form-urlencoded, then base64, as §2.3.1 says),
    /// <c>client_secret_post</c>, or a bare <c>client_id</c> for the public client; never more than one method.
    /// </summary>
    /// <returns>The client id, or the error description.</returns>
    public static (string? ClientId, string? Error) Authenticate(HttpRequest request, List<KeyValuePair<string, string>> form)
    {
        var header = request.Headers.Authorization.ToString();
        var bodySecret = form.First("client_secret");
        var bodyId = form.First("client_id");
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (bodySecret is not null) return (null, "Use one client authentication method, not Basic and client_secret together.");
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return (null, "The Basic credentials are not base64.");
            }
            var colon = decoded.IndexOf(':');
            if (colon < 0) return (null, "The Basic credentials have no ':'.");
            var id = FormDecode(decoded[..colon]);
            if (bodyId is not null && bodyId != id) return (null, "client_id in the body differs from the Basic credentials.");
            return Check(id, FormDecode(decoded[(colon + 1)..]));
        }
        if (bodyId is null) return (null, "Client authentication is missing.");
        if (bodySecret is null)
        {
            return bodyId == DemoCredentials.OAuth2PublicClientId ? (bodyId, null) : (null, "This client must authenticate with its secret.");
        }
        return Check(bodyId, bodySecret);
    }

    private static (string?, string?) Check(string id, string secret) =>
        id == DemoCredentials.OAuth2ClientId &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(DemoCredentials.OAuth2ClientSecret))
            ? (id, null)
            : (null, "Unknown client or wrong secret.");

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
