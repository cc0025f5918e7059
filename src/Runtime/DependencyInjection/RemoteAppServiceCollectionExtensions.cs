using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OAuthGen;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers generated OAuthGen clients in a service collection.</summary>
public static class RemoteAppServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client <typeparamref name="T"/> as a typed <see cref="System.Net.Http.HttpClient"/> client, with its
    /// options composed from the <c>[RemoteApp]</c> attribute, configuration and <paramref name="configure"/> as the named
    /// options <see cref="RemoteAppOptions"/> of the app's name (<c>IOptionsMonitor&lt;RemoteAppOptions&gt;.Get(name)</c>).
    /// </summary>
    /// <remarks>
    /// <para>Options are composed in layers: the attribute's values; then, when an <c>IConfiguration</c> is registered and
    /// the app has an AppKey, configuration fills what the attribute left unset (see <see cref="RemoteAppConfiguration"/>
    /// for both key styles); then <paramref name="configure"/> and every <c>Configure&lt;RemoteAppOptions&gt;(name, ...)</c>,
    /// in registration order, so what code sets wins; then services fill what is still unset (a registered
    /// <see cref="TimeProvider"/>, <see cref="IReplayStore"/>, <see cref="ITokenRefreshCoordinator"/>,
    /// <see cref="IClientCredentialsCache"/>, <see cref="System.Diagnostics.Metrics.IMeterFactory"/>). The result is
    /// validated by the options system: a missing required value (consumer key and secret, token URLs, unless
    /// <see cref="RemoteAppOptions.ApiOnly"/>) or an invalid one fails when the host starts (<c>ValidateOnStart</c>), or at
    /// the first resolve without a host, with an <see cref="OptionsValidationException"/> whose failures name the
    /// configuration keys.</para>
    /// <para>Requests are authenticated by a <see cref="RemoteAppAuthenticationHandler"/> that runs innermost in the
    /// client's handler chain, below every handler added to the returned builder in any order, so retry, hedging and
    /// circuit-breaker handlers compose with it: each attempt is signed anew, and single-use token requests are never
    /// sent twice.</para>
    /// <para>A registered <see cref="ITokenStore"/> is used when the options have neither a token store nor a token getter;
    /// it is resolved with each client, so it may be scoped. Each client copies the options when it is created (clients
    /// are transient): a configuration reload reaches the clients created after it. Clients log through
    /// <c>ILogger&lt;T&gt;</c> and trace through <see cref="RemoteApp.ActivitySource"/>.</para>
    /// </remarks>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>: add handlers, resilience or timeouts to it.</returns>
    /// <exception cref="ArgumentException">Another registered app already has this app's name.</exception>
    public static IHttpClientBuilder AddRemoteApp<T>(this IServiceCollection services, Action<RemoteAppOptions>? configure = null)
        where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = RemoteAppRegistry.Of(services);
        var registration = registry.Find(typeof(T), serviceKey: null);
        IHttpClientBuilder builder;
        if (registration is null)
        {
            registration = RemoteAppRegistration.For<T>();
            Register(services, registry, registration);
            var created = registration;
            builder = services.AddHttpClient<T, T>(registration.ClientName,
                (HttpClient httpClient, IServiceProvider provider) => created.CreateClient<T>(httpClient, provider));
            ConfigureClient(services, builder);
        }
        else
        {
            // A library may register a client and the app adjust it later: every call adds its callback.
            builder = services.AddHttpClient(registration.ClientName);
        }
        if (configure is not null) services.Configure(registration.OptionsName, configure);
        return builder;
    }

    /// <summary>
    /// Registers the client <typeparamref name="T"/> once more, as a keyed service: one more tenant, host or account of the
    /// same API beside the others (two GitHub Enterprise servers, say), resolved with
    /// <c>[FromKeyedServices(serviceKey)]</c> or <c>GetRequiredKeyedService&lt;T&gt;(serviceKey)</c>.
    /// </summary>
    /// <remarks>
    /// <para>The service key is the registration's name everywhere: its named options
    /// (<c>IOptionsMonitor&lt;RemoteAppOptions&gt;.Get(serviceKey)</c>, <c>Configure&lt;RemoteAppOptions&gt;(serviceKey, ...)</c>),
    /// the app's <see cref="RemoteAppOptions.Name"/> (so its tokens never mix with another registration's in a shared
    /// store, and logs and metrics tell them apart) and its <see cref="RemoteAppOptions.AppKey"/>: configuration is read
    /// under <c>{serviceKey}:ConsumerKey</c> or <c>{SERVICEKEY}_CONSUMER_KEY</c>. The rest starts from the attribute and is
    /// composed and validated as for <see cref="AddRemoteApp{T}"/>.</para>
    /// <para>Each keyed registration has its own HttpClient (named <c>{T's full name}:{serviceKey}</c>, configured
    /// through the returned builder) and takes the <see cref="ITokenStore"/> registered under the same key when there is
    /// one, else the one registered without a key. Registrations without a key are not affected.</para>
    /// </remarks>
    /// <returns>The keyed client's <see cref="IHttpClientBuilder"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serviceKey"/> is empty or already the name of another registered app.</exception>
    public static IHttpClientBuilder AddKeyedRemoteApp<T>(this IServiceCollection services, string serviceKey,
        Action<RemoteAppOptions>? configure = null)
        where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceKey);
        var registry = RemoteAppRegistry.Of(services);
        var registration = registry.Find(typeof(T), serviceKey);
        IHttpClientBuilder builder;
        if (registration is null)
        {
            registration = RemoteAppRegistration.ForKey<T>(serviceKey);
            Register(services, registry, registration);
            var created = registration;
            services.AddKeyedTransient<T>(serviceKey, (provider, _) =>
                created.CreateClient<T>(provider.GetRequiredService<IHttpClientFactory>().CreateClient(created.ClientName), provider));
            builder = services.AddHttpClient(registration.ClientName);
            ConfigureClient(services, builder);
        }
        else
        {
            builder = services.AddHttpClient(registration.ClientName);
        }
        if (configure is not null) services.Configure(registration.OptionsName, configure);
        return builder;
    }

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> registered for <typeparamref name="T"/> without a key.</summary>
    internal static string ClientName<T>() => typeof(T).FullName ?? typeof(T).Name;

    /// <summary>The app's named options: composed by the layers, reloaded with configuration, validated when the host starts.</summary>
    private static void Register(IServiceCollection services, RemoteAppRegistry registry, RemoteAppRegistration registration)
    {
        registry.Add(registration);
        services.AddOptions();
        // Closed registrations win over the open-generic defaults of AddOptions, whatever the order.
        services.TryAddTransient<IOptionsFactory<RemoteAppOptions>, RemoteAppOptionsFactory>();
        // Configuration before any configure callback (this runs before the first one is added), services after all of them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RemoteAppOptions>, RemoteAppConfigurationSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<RemoteAppOptions>, RemoteAppServiceDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteAppOptions>, RemoteAppOptionsValidation>());
        var name = registration.OptionsName;
        services.AddSingleton<IOptionsChangeTokenSource<RemoteAppOptions>>(
            provider => new ConfigurationReloadTokenSource(name, provider.GetService<IConfiguration>()));
        services.AddOptions<RemoteAppOptions>(name).ValidateOnStart();
    }

    private static void ConfigureClient(IServiceCollection services, IHttpClientBuilder builder)
    {
        // IHttpClientFactory's own request logging must never print Authorization (tokens, OAuth 1.0a signatures), whatever
        // the framework default or a global ConfigureHttpClientDefaults says.
        builder.RedactLoggedHeaders(static _ => true);
        // Authentication happens per attempt, below every handler the application adds (retries, hedging, timeouts).
        InnermostHandlers.Register(services, builder.Name, static _ => new RemoteAppAuthenticationHandler());
    }
}
