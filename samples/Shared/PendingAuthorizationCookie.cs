using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples;

/// <summary>
/// Keeps a <see cref="PendingAuthorization"/> between the redirect to the provider and its callback in a cookie, encrypted
/// and authenticated by ASP.NET Core Data Protection: the browser carries the PKCE verifier or OAuth 1.0a request-token
/// secret without being able to read or change them. One cookie per app, deleted when the callback takes it.
/// </summary>
public sealed class PendingAuthorizationCookie(IDataProtectionProvider dataProtection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // The purpose string isolates these cookies from every other use of the site's keys.
    private readonly IDataProtector _protector = dataProtection.CreateProtector("OAuthGen.Samples.PendingAuthorization.v1");

    /// <summary>Sets the cookie for the flow <paramref name="pending"/> describes.</summary>
    public void Save(HttpContext context, PendingAuthorization pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        context.Response.Cookies.Append(CookieName(pending.AppName), _protector.Protect(pending.ToJson()), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the cookie must come back on the provider's top-level redirect to the callback, but not on cross-site posts.
            SameSite = SameSiteMode.Lax,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>
    /// Reads and deletes the cookie of <paramref name="appName"/>'s flow; <see langword="null"/> when there is none or it was
    /// tampered with (then <see cref="IRemoteApp.AuthorizedResponseAsync(System.Uri, PendingAuthorization, System.Threading.CancellationToken)"/>
    /// is not called: the callback was not started by this browser).
    /// </summary>
    public PendingAuthorization? Take(HttpContext context, string appName)
    {
        var name = CookieName(appName);
        if (!context.Request.Cookies.TryGetValue(name, out var value)) return null;
        context.Response.Cookies.Delete(name);
        try
        {
            return PendingAuthorization.FromJson(_protector.Unprotect(value));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (OAuthException)
        {
            return null;
        }
    }

    private static string CookieName(string appName) => ".OAuthGen.Pending." + appName;
}
