using System;
using System.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OAuthGen;
using OAuthGen.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds sign-in with generated OAuthGen clients to ASP.NET Core authentication.</summary>
public static class RemoteAppAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds a remote authentication scheme that signs users in with the generated client <typeparamref name="TApp"/>
    /// (OAuth 1.0a or 2.0), and makes that client call its API as the signed-in user.
    /// </summary>
    /// <remarks>
    /// <para>The client is registered with <c>services.AddRemoteApp&lt;TApp&gt;()</c> when it is not yet, so its options
    /// come from its attribute and configuration under its AppKey; call <c>services.AddRemoteApp&lt;TApp&gt;(configure)</c>
    /// as well (before or after) to set them in code.</para>
    /// <para>The callback path is <c>/signin-{app name}</c> unless <paramref name="configure"/> sets
    /// <see cref="RemoteAuthenticationOptions.CallbackPath"/>; register <c>{scheme}://{host}/signin-{app name}</c> at the
    /// provider for every host the site is opened at. Tokens are kept in the sign-in (<see cref="SignedInTokens"/>), and
    /// <see cref="SignedInUserTokenStore"/> becomes the <see cref="ITokenStore"/> of every generated client unless one is
    /// registered already. Signing out of the sign-in scheme revokes the OAuth 2.0 grant (see
    /// <see cref="RemoteAppAuthenticationOptions.RevokeOnSignOut"/>).</para>
    /// </remarks>
    /// <param name="builder">The authentication builder (<c>services.AddAuthentication(...)</c>).</param>
    /// <param name="scheme">The scheme name; the app's <see cref="RemoteAppOptions.Name"/> by default.</param>
    /// <param name="configure">Sets the scheme's options (user mapping, paths, response mode).</param>
    /// <returns><paramref name="builder"/>, to add more schemes.</returns>
    public static AuthenticationBuilder AddRemoteApp<TApp>(this AuthenticationBuilder builder, string? scheme = null,
        Action<RemoteAppAuthenticationOptions>? configure = null)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = TApp.CreateOptions();
        var appName = defaults.Name;
        scheme ??= appName;
        var services = builder.Services;

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TApp) && !descriptor.IsKeyedService)) services.AddRemoteApp<TApp>();
        services.AddHttpContextAccessor();
        RemoteAppSchemes.Of(services).Add<TApp>(appName, scheme);
        services.TryAddSingleton(static provider => new SignedInUserTokenStore(
            provider.GetRequiredService<IHttpContextAccessor>(), provider.GetRequiredService<RemoteAppSchemes>(),
            provider.GetRequiredService<IOptionsMonitor<RemoteAppAuthenticationOptions>>(),
            provider.GetRequiredService<ILogger<SignedInUserTokenStore>>()));
        services.TryAddSingleton<ITokenStore>(static provider => provider.GetRequiredService<SignedInUserTokenStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RemoteAppAuthenticationOptions>, RemoteAppAuthenticationPostConfigure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, SignOutRevocation>());

        return builder.AddRemoteScheme<RemoteAppAuthenticationOptions, RemoteAppSignInHandler<TApp>>(scheme, defaults.AppKey ?? appName, options =>
        {
            options.CallbackPath = "/signin-" + appName;
            configure?.Invoke(options);
        });
    }
}
