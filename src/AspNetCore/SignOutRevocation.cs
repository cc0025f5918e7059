using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen.AspNetCore;

/// <summary>
/// Signing out of a cookie scheme that holds a remote-app sign-in ends the user's OAuth 2.0 grant at the provider
/// (RFC 7009) when it has a revocation endpoint, so a copy of the token left anywhere is worthless; the cookie, and the
/// tokens in it, are then removed as usual. Hooked into every cookie scheme's <c>OnSigningOut</c>, so the standard
/// <c>SignOutAsync</c> / <c>Results.SignOut</c> does it. A scheme whose events are named by <c>EventsType</c> gets
/// <see cref="RevokingCookieEvents"/> instead, which hands every event to that type and revokes before its sign-out.
/// </summary>
internal sealed class SignOutRevocation(RemoteAppSchemes schemes, IOptionsMonitor<RemoteAppAuthenticationOptions> schemeOptions,
    ILogger<SignOutRevocation> logger) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (options.EventsType is { } eventsType)
        {
            // The cookie handler resolves EventsType and ignores Events, where the hook below would go unseen.
            options.Events = new RevokingCookieEvents(eventsType, RevokeAsync);
            options.EventsType = null;
            return;
        }
        var events = options.Events;
        var signingOut = events.OnSigningOut;
        events.OnSigningOut = async context =>
        {
            await RevokeAsync(context);
            await signingOut(context);
        };
    }

    private async Task RevokeAsync(CookieSigningOutContext context)
    {
        var signIn = await context.HttpContext.AuthenticateAsync(context.Scheme.Name);
        if (!signIn.Succeeded || SignedInTokens.AppName(signIn.Properties!) is not { } appName) return;
        SignedInTokens.SetCurrent(context.HttpContext, appName, null);
        if (!schemes.SchemesOf(appName).Any(scheme => schemeOptions.Get(scheme).RevokeOnSignOut)) return;
        if (SignedInTokens.Read(signIn.Properties!) is not { } token) return;
        if (schemes.Client(appName, context.HttpContext.RequestServices) is not { } client) return;
        var settings = client.Options;
        if (settings.IsOAuth1 || (settings.RevocationUrl is null && settings.ServerMetadataUrl is null)) return;
        try
        {
            await client.RevokeAsync(token, context.HttpContext.RequestAborted);
        }
        catch (OAuthException failure)
        {
            // The user is signed out here either way; the grant then ends when its tokens expire.
            logger.LogWarning("{App}: revoking the signed-out user's grant failed ({Type}).", appName, failure.Type);
        }
    }
}
