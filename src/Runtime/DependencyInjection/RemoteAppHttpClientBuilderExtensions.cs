using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using OAuthGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lends a remote app's authentication to other HTTP clients.</summary>
public static class RemoteAppHttpClientBuilderExtensions
{
    /// <summary>
    /// Authenticates every request of this client as a resource request of the remote app <typeparamref name="TApp"/>: a
    /// fresh OAuth 1.0a signature, or its OAuth 2.0 token from the token store or getter (refreshed before it expires,
    /// and once more after a <c>401 invalid_token</c>). For a Refit interface or a hand-written typed client over the same
    /// API. The handler runs innermost, below every handler added to this builder, so each retry is authenticated anew.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TApp"/> is registered with <see cref="RemoteAppServiceCollectionExtensions.AddRemoteApp{T}"/>
    /// when it is not yet (its options, configuration and token store apply); its token requests go through its own
    /// client. The app is resolved once per handler (IHttpClientFactory recycles handlers every two minutes by default),
    /// from the handler's scope, so a token store registered per request scope is not the one of the current request:
    /// register a singleton store, or use the generated client itself for per-user tokens.
    /// </remarks>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddRemoteAppAuthentication<TApp>(this IHttpClientBuilder builder)
        where TApp : class, IRemoteApp, IRemoteAppFactory<TApp>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRemoteApp<TApp>();
        // The app's own client already authenticates its requests; a handler bound to the app there would need the app
        // to build the very client it is part of.
        if (builder.Name == RemoteAppServiceCollectionExtensions.ClientName<TApp>()) return builder;
        InnermostHandlers.Register(builder.Services, builder.Name,
            static services => new RemoteAppAuthenticationHandler(services.GetRequiredService<TApp>()));
        RedactAuthorization(builder.Services, builder.Name);
        return builder;
    }

    /// <summary>
    /// IHttpClientFactory's request logging must never print the credentials this package puts on requests, whatever
    /// the application's own redaction rule says; that rule still applies to every other header.
    /// </summary>
    internal static void RedactAuthorization(IServiceCollection services, string clientName) =>
        services.PostConfigure<HttpClientFactoryOptions>(clientName, options =>
        {
            var redactedBefore = options.ShouldRedactHeaderValue;
            options.ShouldRedactHeaderValue = header =>
                header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || redactedBefore(header);
        });
}
