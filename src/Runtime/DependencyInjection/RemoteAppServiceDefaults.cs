using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// The last layer of a registered app's options, after every configure callback: services fill what is still unset
/// (a <see cref="TimeProvider"/> replaces the system clock; the replay store, refresh coordinator, client-credentials
/// cache and meter factory are taken from the container), and an AppKey changed after configuration was read is caught.
/// </summary>
internal sealed class RemoteAppServiceDefaults(RemoteAppRegistry registry, IServiceProvider services) : IPostConfigureOptions<RemoteAppOptions>
{
    public void PostConfigure(string? name, RemoteAppOptions options)
    {
        if (name is null || registry.Find(name) is not { } registration) return;
        if (options.AppKey != registration.AppKey)
        {
            // Configuration was read under the registration's key; silently ignoring the new one would hide settings.
            var readUnder = registration.AppKey is null ? "" : $" (under '{registration.AppKey}')";
            var instead = registration.ServiceKey is null
                ? "Set AppKey on the [RemoteApp] attribute instead."
                : "A keyed registration reads configuration under its service key.";
            registry.AddProblem(options, $"Remote app '{options.Name}': AppKey was changed by a configure callback to '{options.AppKey}', " +
                $"but configuration is read before configure callbacks run{readUnder}. {instead}");
        }
        if (options.TimeProvider == TimeProvider.System && services.GetService<TimeProvider>() is { } clock)
        {
            options.TimeProvider = clock;
        }
        // Taken from the root: a replay store is only useful shared by every client (a singleton).
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
        // A host's meter factory (AddMetrics, which hosts call) keeps its metrics apart from other hosts' in the process.
        if (options.MeterFactory is null && services.GetService<IMeterFactory>() is { } meterFactory)
        {
            options.MeterFactory = meterFactory;
        }
    }
}
