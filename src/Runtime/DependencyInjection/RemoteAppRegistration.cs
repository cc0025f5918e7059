using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// One client registered with <see cref="RemoteAppServiceCollectionExtensions.AddRemoteApp{T}"/> or
/// <see cref="RemoteAppServiceCollectionExtensions.AddKeyedRemoteApp{T}"/>: the name of its options, where its options
/// start from, the configuration key they are read under and the name of its HttpClient.
/// </summary>
internal sealed class RemoteAppRegistration
{
    private readonly Func<RemoteAppOptions> _createOptions;

    private RemoteAppRegistration(Type serviceType, string? serviceKey, string optionsName, string? appKey, string clientName,
        Func<RemoteAppOptions> createOptions)
    {
        ServiceType = serviceType;
        ServiceKey = serviceKey;
        OptionsName = optionsName;
        AppKey = appKey;
        ClientName = clientName;
        _createOptions = createOptions;
    }

    /// <summary>The generated client interface.</summary>
    public Type ServiceType { get; }

    /// <summary>The service key of a keyed registration; <see langword="null"/> for the one registered without a key.</summary>
    public string? ServiceKey { get; }

    /// <summary>The name of the app's <see cref="RemoteAppOptions"/> in the options system.</summary>
    public string OptionsName { get; }

    /// <summary>The key configuration is read under (<see cref="RemoteAppOptions.AppKey"/>), or <see langword="null"/> for none.</summary>
    public string? AppKey { get; }

    /// <summary>The name of the <see cref="HttpClient"/> the app's requests go through.</summary>
    public string ClientName { get; }

    /// <summary>The registration of <typeparamref name="T"/> without a key: options named after the app, as its attribute says.</summary>
    public static RemoteAppRegistration For<T>() where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        var attribute = T.CreateOptions();
        return new RemoteAppRegistration(typeof(T), null, attribute.Name, attribute.AppKey, typeof(T).FullName ?? typeof(T).Name,
            static () => T.CreateOptions());
    }

    /// <summary>
    /// A keyed registration of <typeparamref name="T"/>: the service key names the options, the app
    /// (<see cref="RemoteAppOptions.Name"/>, so tokens of two registrations never mix in a shared store), the configuration
    /// section (<see cref="RemoteAppOptions.AppKey"/>) and the HttpClient.
    /// </summary>
    public static RemoteAppRegistration ForKey<T>(string serviceKey) where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        return new RemoteAppRegistration(typeof(T), serviceKey, serviceKey, serviceKey, $"{typeof(T).FullName ?? typeof(T).Name}:{serviceKey}",
            () =>
            {
                var options = T.CreateOptions();
                options.Name = serviceKey;
                options.AppKey = serviceKey;
                return options;
            });
    }

    /// <summary>A new options object with the attribute's values (and, for a keyed registration, its name and AppKey).</summary>
    public RemoteAppOptions CreateOptions() => _createOptions();

    /// <summary>Creates a client of <typeparamref name="T"/> on <paramref name="httpClient"/>; <paramref name="services"/> is the resolving scope.</summary>
    public T CreateClient<T>(HttpClient httpClient, IServiceProvider services) where T : class, IRemoteApp, IRemoteAppFactory<T>
    {
        // Composed and validated by the options system (and cached there until configuration reloads); the client copies them.
        var options = services.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get(OptionsName);
        // Resolved per client, not once, so a scoped store (one per request or user session) works. A keyed registration
        // takes the store registered under its own key first.
        if (options.TokenStore is null && options.TokenGetter is null && TokenStore(services) is { } store)
        {
            options = options.Clone();
            options.TokenStore = store;
        }
        // AddRemoteApp put the authentication handler innermost in this client's pipeline: requests are authenticated there.
        RequestPipeline.MarkHandlerInChain(httpClient);
        return T.Create(httpClient, options, services.GetService<ILogger<T>>());
    }

    private ITokenStore? TokenStore(IServiceProvider services) =>
        (ServiceKey is null ? null : services.GetKeyedService<ITokenStore>(ServiceKey)) ?? services.GetService<ITokenStore>();
}
