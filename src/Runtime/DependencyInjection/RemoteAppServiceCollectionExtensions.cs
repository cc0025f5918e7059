using System;
using System.Linq;
using System.Net.Http;
using OAuthGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers generated OAuthGen clients in a service collection.</summary>
public static class RemoteAppServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client <typeparamref name="T"/> as a typed <see cref="System.Net.Http.HttpClient"/> client, with its
    /// options composed from the <c>[RemoteApp]</c> attribute, configuration and <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// <para>Options are composed in layers: the attribute's values; then, when an <c>IConfiguration</c> is registered and
    /// the app has an AppKey, configuration fills what the attribute left unset (see <see cref="RemoteAppConfiguration"/>
    /// for both key styles); then <paramref name="configure"/> runs (the callbacks of every call for the same client, in
    /// order), so what it sets always wins; then a registered
    /// <see cref="TimeProvider"/> replaces the system clock. Missing required values (consumer key and secret, token URLs)
    /// fail when the host starts, or at the first resolve without a host, with a message naming the configuration keys.</para>
    /// <para>Requests are authenticated by a <see cref="RemoteAppAuthenticationHandler"/> that runs innermost in the
    /// client's handler chain, below every handler added to the returned builder in any order, so retry, hedging and
    /// circuit-breaker handlers compose with it: each attempt is signed anew, and single-use token requests are never
    /// sent twice.</para>
    /// <para>A registered <see cref="ITokenStore"/> is used when the options have neither a token store nor a token getter;
    /// it is resolved with each client, so it may be scoped. A registered <see cref="IReplayStore"/> (register it as a
    /// singleton) is used when the options have none, so every client of every app shares it; without one, used pending
    /// authorizations are remembered in process memory. Clients log through <c>ILogger&lt;T&gt;</c> (request line
    /// without query, status, duration) and trace through <see cref="RemoteApp.ActivitySource"/>.</para>
    /// </remarks>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>: add handlers, resilience or timeouts to it.</returns>
    public static IHttpClientBuilder AddRemoteApp<T>(this IServiceCollection services, Action<RemoteAppOptions>? configure = null)
        where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = ClientName<T>();
        var registered = services.Any(descriptor => descriptor.ServiceType == typeof(T));
        // Every call adds its callback; a library may register a client and the app adjust it later.
        services.AddOptions<RemoteAppRegistration<T>>().Configure(registration => registration.Callbacks.Add(configure));
        if (registered) return services.AddHttpClient(name);

        services.AddOptions<RemoteAppRegistration<T>>()
            .PostConfigure<IServiceProvider>((registration, provider) => registration.Compose(provider))
            .ValidateOnStart();
        var builder = services.AddHttpClient<T, T>(name,
            static (HttpClient httpClient, IServiceProvider provider) => RemoteAppRegistration<T>.CreateClient(httpClient, provider));
        // IHttpClientFactory's own request logging must never print Authorization (tokens, OAuth 1.0a signatures), whatever
        // the framework default or a global ConfigureHttpClientDefaults says.
        builder.RedactLoggedHeaders(static _ => true);
        // Authentication happens per attempt, below every handler the application adds (retries, hedging, timeouts).
        InnermostHandlers.Register(services, name, static _ => new RemoteAppAuthenticationHandler());
        return builder;
    }

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> registered for <typeparamref name="T"/>.</summary>
    internal static string ClientName<T>() => typeof(T).FullName ?? typeof(T).Name;
}
