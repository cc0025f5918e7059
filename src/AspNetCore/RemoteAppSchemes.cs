using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.AspNetCore;

/// <summary>
/// Which sign-in schemes each app has, and how to get a client of it, so the token store and sign-out (which know only an
/// app name) find the scheme's sign-in scheme and the client to refresh or revoke with. Filled while services are added.
/// </summary>
internal sealed class RemoteAppSchemes
{
    private readonly Dictionary<string, List<string>> _schemes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, IRemoteApp>> _clients = new(StringComparer.Ordinal);

    /// <summary>The registry of <paramref name="services"/>, added on first use.</summary>
    public static RemoteAppSchemes Of(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(RemoteAppSchemes))?.ImplementationInstance is RemoteAppSchemes existing)
        {
            return existing;
        }
        var registry = new RemoteAppSchemes();
        services.AddSingleton(registry);
        return registry;
    }

    public void Add<TApp>(string appName, string scheme) where TApp : class, IRemoteApp
    {
        if (!_schemes.TryGetValue(appName, out var schemes)) _schemes[appName] = schemes = [];
        if (!schemes.Contains(scheme, StringComparer.Ordinal)) schemes.Add(scheme);
        _clients[appName] = static services => services.GetRequiredService<TApp>();
    }

    /// <summary>The schemes signing users in with <paramref name="appName"/>; empty for other apps.</summary>
    public IReadOnlyList<string> SchemesOf(string appName) => _schemes.TryGetValue(appName, out var schemes) ? schemes : [];

    /// <summary>A client of <paramref name="appName"/> from <paramref name="services"/>; null for apps without a scheme.</summary>
    public IRemoteApp? Client(string appName, IServiceProvider services) =>
        _clients.TryGetValue(appName, out var create) ? create(services) : null;
}
