using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth2;

/// <summary>RFC 6749 §2.3: who is calling the token endpoint, and whether it used a method it is registered for.</summary>
internal static class ClientAuthentication
{
    /// <summary>
    /// Reads <c>client_secret_basic</c> (credentials form-urlencoded, then base64, as §2.3.1 says),
    /// <c>client_secret_post</c>, or a bare <c>client_id</c> (<c>none</c>); never more than one method. The method used is
    /// recorded for the test's inspection.
    /// </summary>
    /// <returns>The client, or the error description.</returns>
    public static (OAuth2Client? Client, string? Error) Authenticate(HttpContext context, ProviderState state, List<KeyValuePair<string, string>> form)
    {
        var (clientId, secret, method, error) = Read(context.Request, form);
        if (error is not null) return (null, error);
        RequestRecord.Of(context).ClientAuthentication = method;
        if (state.FindClient(clientId) is not { } client) return (null, "Unknown client.");
        if (!client.AuthenticationMethods.Contains(method))
        {
            return (null, $"This client must authenticate with {string.Join(" or ", client.AuthenticationMethods.Select(Name))}, not {Name(method)}.");
        }
        if (method != ClientAuthMethod.None &&
            (client.Secret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret!), Encoding.UTF8.GetBytes(client.Secret))))
        {
            return (null, "Wrong client secret.");
        }
        return (client, null);
    }

    /// <summary>The RFC 7591 name of a method.</summary>
    public static string Name(ClientAuthMethod method) => method switch
    {
        ClientAuthMethod.ClientSecretBasic => "client_secret_basic",
        ClientAuthMethod.ClientSecretPost => "client_secret_post",
        _ => "none",
    };

    private static (string? ClientId, string? Secret, ClientAuthMethod Method, string? Error) Read(HttpRequest request, List<KeyValuePair<string, string>> form)
    {
        var header = request.Headers.Authorization.ToString();
        var bodySecret = form.First("client_secret");
        var bodyId = form.First("client_id");
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            const ClientAuthMethod Basic = ClientAuthMethod.ClientSecretBasic;
            if (bodySecret is not null) return (null, null, Basic, "Use one client authentication method, not Basic and client_secret together.");
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return (null, null, Basic, "The Basic credentials are not base64.");
            }
            var colon = decoded.IndexOf(':');
            if (colon < 0) return (null, null, Basic, "The Basic credentials have no ':'.");
            var id = FormDecode(decoded[..colon]);
            if (bodyId is not null && bodyId != id) return (null, null, Basic, "client_id in the body differs from the Basic credentials.");
            return (id, FormDecode(decoded[(colon + 1)..]), Basic, null);
        }
        if (bodyId is null) return (null, null, ClientAuthMethod.None, "Client authentication is missing.");
        return bodySecret is null ? (bodyId, null, ClientAuthMethod.None, null) : (bodyId, bodySecret, ClientAuthMethod.ClientSecretPost, null);
    }

    private static string FormDecode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
