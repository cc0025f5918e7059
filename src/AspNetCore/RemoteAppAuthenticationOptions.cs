using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The settings of one sign-in scheme added with <c>AddRemoteApp&lt;TApp&gt;()</c>. The OAuth settings themselves
/// (URLs, client id and secret, scope) are the generated client's <see cref="RemoteAppOptions"/>, set on its
/// <c>[RemoteApp]</c> attribute, in configuration under its AppKey, or with <c>services.AddRemoteApp&lt;TApp&gt;(configure)</c>.
/// </summary>
/// <remarks>
/// <para>Inherited settings keep their ASP.NET Core meaning: <see cref="RemoteAuthenticationOptions.CallbackPath"/>
/// (default <c>/signin-{app name}</c>), <see cref="RemoteAuthenticationOptions.SignInScheme"/>,
/// <see cref="RemoteAuthenticationOptions.AccessDeniedPath"/>, <see cref="RemoteAuthenticationOptions.SaveTokens"/>
/// (on by default here: the signed-in user's API calls need the token) and
/// <see cref="RemoteAuthenticationOptions.CorrelationCookie"/>, which shapes the per-flow cookies (one per started
/// sign-in, named after its <c>state</c> or request token, valid on the callback path only).</para>
/// </remarks>
public sealed class RemoteAppAuthenticationOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates the options with this package's defaults.</summary>
    public RemoteAppAuthenticationOptions()
    {
        SaveTokens = true;
        // Answers failures without a 500; replace OnRemoteFailure (or Events) to answer otherwise.
        Events = new RemoteAppAuthenticationEvents();
        CorrelationCookie.Name = ".OAuthGen.Flow.";
        // The provider's redirect back is a top-level GET navigation, which carries Lax cookies; form_post switches to None.
        CorrelationCookie.SameSite = SameSiteMode.Lax;
        CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>How an OAuth 2.0 provider returns the authorization response (ignored for OAuth 1.0a).</summary>
    public AuthorizationResponseMode ResponseMode { get; set; } = AuthorizationResponseMode.Query;

    /// <summary>Extra parameters sent on every authorization request (<c>prompt</c>, <c>access_type</c>, <c>force_login</c>...).</summary>
    public IDictionary<string, string> AuthorizationParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Where a failed sign-in (forged or replayed callback, provider error, unreachable provider) sends the browser, with
    /// <c>error</c> (the <see cref="OAuthErrorType"/> or provider error code) in the query. When empty, the failure is
    /// answered with a short HTML page and status 400 (502 when the provider could not be reached). A denial goes to
    /// <see cref="RemoteAuthenticationOptions.AccessDeniedPath"/> when that is set. Either way never a 500; set
    /// <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> to answer differently.
    /// </summary>
    public PathString FailurePath { get; set; }

    /// <summary>Whether signing out of the sign-in scheme revokes the user's OAuth 2.0 grant (RFC 7009) when the provider has a
    /// revocation endpoint (<see cref="RemoteAppOptions.RevocationUrl"/> or discovery). On by default.</summary>
    public bool RevokeOnSignOut { get; set; } = true;

    /// <summary>Protects the per-flow cookies (PKCE verifier, request-token secret, return URL); set from Data Protection when left null.</summary>
    public ISecureDataFormat<AuthenticationProperties>? StateDataFormat { get; set; }

    /// <summary>Fetches the signed-in user with the new token and fills the claims; null maps only what the token response names.</summary>
    internal Func<HttpContext, RemoteAppClaims, CancellationToken, Task>? UserMapper { get; private set; }

    /// <summary>
    /// Names the typed call that returns the user signing in, and how its fields become claims. The call runs with the
    /// token just granted, on the client <typeparamref name="TApp"/> resolved from the request's services.
    /// </summary>
    /// <example><code>
    /// options.MapUser((IGitHub api, CancellationToken ct) =&gt; api.GetUserAsync(ct),
    ///     (user, claims) =&gt; { claims.Id = user.Id.ToString(); claims.Name = user.Login; claims.Email = user.Email; });
    /// </code></example>
    /// <returns>These options, to chain calls.</returns>
    public RemoteAppAuthenticationOptions MapUser<TApp, TUser>(Func<TApp, CancellationToken, Task<TUser>> fetch, Action<TUser, RemoteAppClaims> map)
        where TApp : class, IRemoteApp
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(map);
        UserMapper = async (context, claims, cancellationToken) =>
        {
            var user = await fetch(context.RequestServices.GetRequiredService<TApp>(), cancellationToken).ConfigureAwait(false);
            map(user, claims);
        };
        return this;
    }

    /// <summary>
    /// Names a call that returns the user as JSON; the id, name and e-mail claims come from its usual fields
    /// (<c>id</c>/<c>sub</c>, <c>login</c>/<c>preferred_username</c>/<c>screen_name</c>/<c>name</c>, <c>email</c>), and
    /// <paramref name="map"/> may add more.
    /// </summary>
    /// <returns>These options, to chain calls.</returns>
    public RemoteAppAuthenticationOptions MapUser<TApp>(Func<TApp, CancellationToken, Task<JsonElement>> fetch, Action<JsonElement, RemoteAppClaims>? map = null)
        where TApp : class, IRemoteApp
    {
        ArgumentNullException.ThrowIfNull(fetch);
        UserMapper = async (context, claims, cancellationToken) =>
        {
            var user = await fetch(context.RequestServices.GetRequiredService<TApp>(), cancellationToken).ConfigureAwait(false);
            map?.Invoke(user, claims);
            DefaultClaims.FromJson(claims, user);
        };
        return this;
    }
}
