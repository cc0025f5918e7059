using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen.DependencyInjection.Tests;

// Hand-written the way the generator emits a client: the interface carries the attribute's options and explicit
// static factory members, and a hidden RemoteApp subclass builds each request.

/// <summary>An OAuth 2.0 client whose attribute sets a base URL and AppKey; credentials come from configuration.</summary>
public interface IExampleApi : IRemoteApp, IRemoteAppFactory<IExampleApi>
{
    Task<OAuthResponse> GetProfileAsync(CancellationToken cancellationToken = default);

    static IExampleApi IRemoteAppFactory<IExampleApi>.Create(HttpClient httpClient, RemoteAppOptions? options, ILogger? logger) =>
        new ExampleApiClient(httpClient, options ?? AttributeOptions(), logger);

    static RemoteAppOptions IRemoteAppFactory<IExampleApi>.CreateOptions() => AttributeOptions();

    // [RemoteApp("example", BaseUrl = "https://api.example.com/v1/", AppKey = "Example")]
    private static RemoteAppOptions AttributeOptions() => new()
    {
        Name = "example",
        BaseUrl = "https://api.example.com/v1/",
        AppKey = "Example",
    };
}

internal sealed class ExampleApiClient(HttpClient httpClient, RemoteAppOptions options, ILogger? logger)
    : RemoteApp(httpClient, options, logger), IExampleApi
{
    public async Task<OAuthResponse> GetProfileAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResolveUrl("me"));
        return await SendAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The seed's last lazy-configuration example: only a name and an AppKey in code, everything else configured.</summary>
public interface ITwitterApi : IRemoteApp, IRemoteAppFactory<ITwitterApi>
{
    static ITwitterApi IRemoteAppFactory<ITwitterApi>.Create(HttpClient httpClient, RemoteAppOptions? options, ILogger? logger) =>
        new TwitterApiClient(httpClient, options ?? AttributeOptions(), logger);

    static RemoteAppOptions IRemoteAppFactory<ITwitterApi>.CreateOptions() => AttributeOptions();

    // [RemoteApp("twitter", AppKey = "TWITTER")]
    private static RemoteAppOptions AttributeOptions() => new() { Name = "twitter", AppKey = "TWITTER" };
}

internal sealed class TwitterApiClient(HttpClient httpClient, RemoteAppOptions options, ILogger? logger)
    : RemoteApp(httpClient, options, logger), ITwitterApi;
