using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.Samples;

/// <summary>The sign-in plumbing every web sample shares, so each Program.cs shows only its provider's flow.</summary>
public static class SessionSignInServices
{
    /// <summary>
    /// A server-side session (tokens never reach the browser), the <see cref="PendingAuthorizationCookie"/> that carries a
    /// started flow to its callback, and <see cref="SessionTokenStore"/> as the <see cref="ITokenStore"/> every generated
    /// client asks: flask-oauthlib's <c>@remote.tokengetter</c> returning <c>session.get('remote_token')</c>.
    /// </summary>
    public static IServiceCollection AddSessionSignIn(this IServiceCollection services, Action<SessionOptions>? configureSession = null)
    {
        services.AddDistributedMemoryCache();
        services.AddSession(configureSession ?? (_ => { }));
        services.AddHttpContextAccessor();
        services.AddSingleton<PendingAuthorizationCookie>();
        services.AddScoped<SessionTokenStore>();
        services.AddScoped<ITokenStore>(provider => provider.GetRequiredService<SessionTokenStore>());
        return services;
    }
}
