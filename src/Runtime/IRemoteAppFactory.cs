using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>
/// Implemented by every generated client interface, so generic code (<c>services.AddRemoteApp&lt;IGitHub&gt;()</c>)
/// can create clients without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated client interface.</typeparam>
public interface IRemoteAppFactory<TSelf> where TSelf : class, IRemoteApp, IRemoteAppFactory<TSelf>
{
    /// <summary>Creates a client; <paramref name="options"/> defaults to <see cref="CreateOptions"/>.</summary>
    static abstract TSelf Create(HttpClient httpClient, RemoteAppOptions? options, ILogger? logger);

    /// <summary>The options the interface's <see cref="RemoteAppAttribute"/> describes.</summary>
    static abstract RemoteAppOptions CreateOptions();
}
