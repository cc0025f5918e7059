using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.AspNetCore;

/// <summary>
/// One cookie per started sign-in, so sign-ins in several tabs each complete: named after a hash of what the provider
/// echoes to the callback (OAuth 2.0 <c>state</c>, OAuth 1.0a <c>oauth_token</c>), valid on the callback path only, and
/// holding the protected pending authorization and authentication properties. Finding it is the correlation check: a
/// callback this browser did not start has no cookie.
/// </summary>
internal static class FlowCookie
{
    /// <summary>The cookie name for the flow that <paramref name="flowKey"/> identifies.</summary>
    public static string Name(RemoteAppAuthenticationOptions options, string flowKey)
    {
        // A hash, not the value: the state or request token is not repeated in a header, and the name stays short and legal.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(flowKey), hash);
        return options.CorrelationCookie.Name + Base64Url.EncodeToString(hash[..16]);
    }

    /// <summary>What the provider echoes that identifies the flow: the state, or the request token (also when denied).</summary>
    public static string? Key(PendingAuthorization pending) => pending.State ?? pending.RequestToken;

    /// <summary>The cookie's settings: the scheme's correlation cookie, living as long as a pending authorization may.</summary>
    public static CookieOptions Options(HttpContext context, RemoteAppAuthenticationOptions options, TimeSpan lifetime, DateTimeOffset now)
    {
        var cookie = options.CorrelationCookie.Build(context, now);
        cookie.MaxAge = lifetime;
        cookie.Expires = now + lifetime;
        if (options.ResponseMode == AuthorizationResponseMode.FormPost)
        {
            // The provider's page posts to the callback: a cross-site request, which carries only SameSite=None cookies,
            // and browsers keep those only when Secure.
            cookie.SameSite = SameSiteMode.None;
            cookie.Secure = true;
        }
        return cookie;
    }
}
