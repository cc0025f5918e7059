using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The events of a cookie scheme that names its events by <see cref="AuthenticationSchemeOptions.EventsType"/>:
/// each event goes to the app's events resolved from the request's services (once per request, as the cookie handler would
/// resolve them), and signing out revokes the grant first. It takes the place of <c>EventsType</c>, which the handler
/// would otherwise prefer to <c>Events</c>, losing the revocation.
/// </summary>
internal sealed class RevokingCookieEvents(Type eventsType, Func<CookieSigningOutContext, Task> revoke) : CookieAuthenticationEvents
{
    public override Task ValidatePrincipal(CookieValidatePrincipalContext context) => App(context.HttpContext).ValidatePrincipal(context);

    public override Task CheckSlidingExpiration(CookieSlidingExpirationContext context) => App(context.HttpContext).CheckSlidingExpiration(context);

    public override Task SigningIn(CookieSigningInContext context) => App(context.HttpContext).SigningIn(context);

    public override Task SignedIn(CookieSignedInContext context) => App(context.HttpContext).SignedIn(context);

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        await revoke(context);
        await App(context.HttpContext).SigningOut(context);
    }

    public override Task RedirectToLogout(RedirectContext<CookieAuthenticationOptions> context) =>
        App(context.HttpContext).RedirectToLogout(context);

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        App(context.HttpContext).RedirectToLogin(context);

    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context) =>
        App(context.HttpContext).RedirectToReturnUrl(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        App(context.HttpContext).RedirectToAccessDenied(context);

    private CookieAuthenticationEvents App(HttpContext context)
    {
        if (context.Items.TryGetValue(this, out var resolved)) return (CookieAuthenticationEvents)resolved!;
        var events = (CookieAuthenticationEvents)context.RequestServices.GetRequiredService(eventsType);
        context.Items[this] = events;
        return events;
    }
}
