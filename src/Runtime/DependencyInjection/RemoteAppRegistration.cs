using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// The options of the client <typeparamref name="T"/> registered with
/// <see cref="RemoteAppServiceCollectionExtensions.AddRemoteApp{T}"/>, composed once per container (as an options
/// instance, so <c>ValidateOnStart</c> can check them when the host starts).
/// </summary>
internal sealed class RemoteAppRegistration<T> where T : class, IRemoteApp, IRemoteAppFactory<T>
{
    /// <summary>The composed options; every client of <typeparamref name="T"/> starts from them.</summary>
    public RemoteAppOptions Options { get; private set; } = null!;

    /// <summary>The configure callbacks of every <c>AddRemoteApp&lt;T&gt;</c> call, in order.</summary>
    public List<Action<RemoteAppOptions>?> Callbacks { get; } = [];

    /// <summary>
    /// Layers, last wins where it sets something: the attribute (<c>CreateOptions</c>), then configuration under
    /// AppKey (filling only what the attribute left unset), then the <see cref="Callbacks"/>, then services for what is
    /// still unset (the <see cref="TimeProvider"/>, the <see cref="IReplayStore"/>, the <see cref="ITokenRefreshCoordinator"/>
    /// and the <see cref="IClientCredentialsCache"/>).
    /// </summary>
    public void Compose(IServiceProvider services)
    {
        var options = T.CreateOptions();
        var appKey = options.AppKey;
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            RemoteAppConfiguration.Bind(options, configuration);
        }
        foreach (var configure in Callbacks) configure?.Invoke(options);
        if (options.AppKey != appKey)
        {
            // Configuration was already read under the old key; silently ignoring the new one would hide settings.
            throw new OAuthException(OAuthErrorType.InvalidConfiguration,
                $"Remote app '{options.Name}': AppKey was changed in the AddRemoteApp configure callback, which runs after " +
                "configuration has been read. Set AppKey on the [RemoteApp] attribute instead.");
        }
        if (options.TimeProvider == TimeProvider.System && services.GetService<TimeProvider>() is { } clock)
        {
            options.TimeProvider = clock;
        }
        // Taken once, from the root: a replay store is only useful shared by every client (a singleton).
        if (options.ReplayStore is null && services.GetService<IReplayStore>() is { } replayStore)
        {
            options.ReplayStore = replayStore;
        }
        // Farm-wide coordination, like the replay store: singletons shared by every client (OAuthGen.Redis registers them).
        if (options.RefreshCoordinator is null && services.GetService<ITokenRefreshCoordinator>() is { } coordinator)
        {
            options.RefreshCoordinator = coordinator;
        }
        if (options.ClientCredentialsCache is null && services.GetService<IClientCredentialsCache>() is { } clientCredentialsCache)
        {
            options.ClientCredentialsCache = clientCredentialsCache;
        }
        RequiredOptions.Validate(options);
        Options = options;
    }

    /// <summary>Creates a client on <paramref name="httpClient"/>; <paramref name="services"/> is the resolving scope.</summary>
    public static T CreateClient(HttpClient httpClient, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<RemoteAppRegistration<T>>>().CurrentValue.Options;
        // Resolved per client, not once, so a scoped store (one per request or user session) works.
        if (options.TokenStore is null && options.TokenGetter is null && services.GetService<ITokenStore>() is { } store)
        {
            options = options.Clone();
            options.TokenStore = store;
        }
        // AddRemoteApp put the authentication handler innermost in this client's pipeline: requests are authenticated there.
        RequestPipeline.MarkHandlerInChain(httpClient);
        return T.Create(httpClient, options, services.GetService<ILogger<T>>());
    }
}
