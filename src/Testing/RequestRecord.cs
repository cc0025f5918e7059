using Microsoft.AspNetCore.Http;

namespace OAuthGen.Testing;

/// <summary>
/// What the endpoints found out about the request being served (client authentication, signature, PKCE), collected
/// for its <see cref="ReceivedRequest"/>.
/// </summary>
internal sealed class RequestRecord
{
    public ClientAuthMethod? ClientAuthentication { get; set; }

    public OAuth1SignatureCheck? OAuth1 { get; set; }

    public PkceCheck? Pkce { get; set; }

    /// <summary>The record of <paramref name="context"/>'s request (a detached one outside the recording middleware).</summary>
    public static RequestRecord Of(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(RequestRecord), out var found) && found is RequestRecord record) return record;
        record = new RequestRecord();
        context.Items[typeof(RequestRecord)] = record;
        return record;
    }
}
