using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>
/// AddRemoteApp's authentication handler is innermost, below every handler the application adds in any order, and
/// AddRemoteAppAuthentication lends it to other clients.
/// </summary>
public class HandlerPlacementTests
{
    private static readonly (string, string)[] Credentials =
        [("Example:ConsumerKey", "id"), ("Example:ConsumerSecret", "secret"), ("Example:AccessTokenUrl", "https://auth.example.com/token")];

    /// <summary>Records whether requests were already authenticated when they passed, and retries once after a 5xx.</summary>
    private sealed class ObservingRetryHandler : DelegatingHandler
    {
        public ConcurrentQueue<string?> SeenAuthorization { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SeenAuthorization.Enqueue(request.Headers.Authorization?.ToString());
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode < 500) return response;
            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Answers 503 to the first request, then 200; records the Authorization of each.</summary>
    private sealed class FlakyServer : HttpMessageHandler
    {
        public ConcurrentQueue<string?> Authorization { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization.Enqueue(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(Authorization.Count == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
            {
                Content = new StringContent("{}"),
            });
        }
    }

    public static TheoryData<string> Orders => ["handler added after AddRemoteApp", "handler added before AddRemoteApp",
        "ConfigureHttpClientDefaults", "ConfigureAdditionalHttpMessageHandlers"];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task User_handlers_run_outside_the_authentication_handler_whatever_the_order(string order)
    {
        var server = new FlakyServer();
        var observer = new ObservingRetryHandler();
        var tokens = new Queue<string>(["token-1", "token-2"]);
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(Credentials));
        Action<RemoteAppOptions> configure = options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(tokens.Dequeue());
        var name = typeof(IExampleApi).FullName!;
        switch (order)
        {
            case "handler added after AddRemoteApp":
                services.AddRemoteApp<IExampleApi>(configure).AddHttpMessageHandler(() => observer).ConfigurePrimaryHttpMessageHandler(() => server);
                break;
            case "handler added before AddRemoteApp":
                services.AddHttpClient(name).AddHttpMessageHandler(() => observer).ConfigurePrimaryHttpMessageHandler(() => server);
                services.AddRemoteApp<IExampleApi>(configure);
                break;
            case "ConfigureHttpClientDefaults":
                services.ConfigureHttpClientDefaults(builder => builder.AddHttpMessageHandler(() => observer).ConfigurePrimaryHttpMessageHandler(() => server));
                services.AddRemoteApp<IExampleApi>(configure);
                break;
            default:
                services.AddRemoteApp<IExampleApi>(configure).ConfigurePrimaryHttpMessageHandler(() => server)
                    .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Add(observer));
                break;
        }
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IExampleApi>().GetProfileAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        // The user's handler saw the request before any credentials were on it, so it cannot have resent old ones...
        Assert.Equal([null], observer.SeenAuthorization);
        // ...and each attempt that reached the server carried the token current at that moment.
        Assert.Equal(["Bearer token-1", "Bearer token-2"], server.Authorization);
    }

    [Fact]
    public async Task AddRemoteAppAuthentication_authenticates_a_hand_written_typed_client_innermost()
    {
        var server = new FlakyServer();
        var observer = new ObservingRetryHandler();
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(Credentials));
        var store = new InMemoryTokenStore();
        store.Tokens[new TokenRequest("example", null)] = new OAuthToken("stored-token");
        services.AddSingleton<ITokenStore>(store);
        services.AddHttpClient("plain", client => client.BaseAddress = new Uri("https://api.example.com/v1/"))
            .AddRemoteAppAuthentication<IExampleApi>()
            .AddHttpMessageHandler(() => observer)
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("plain");

        using var response = await client.GetAsync("me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([null], observer.SeenAuthorization);
        Assert.Equal(["Bearer stored-token", "Bearer stored-token"], server.Authorization);
        // The remote app itself is registered as a client too: its options, configuration and token store apply.
        Assert.Equal("id", provider.GetRequiredService<IExampleApi>().Options.ConsumerKey);
    }

    [Fact]
    public async Task AddRemoteAppAuthentication_on_the_apps_own_client_changes_nothing()
    {
        var server = new RecordingServer();
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(Credentials));
        services.AddRemoteApp<IExampleApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("own-token"))
            .AddRemoteAppAuthentication<IExampleApi>()
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IExampleApi>().GetProfileAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer own-token", Assert.Single(server.Requests).Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Request_logs_of_a_client_with_lent_authentication_never_show_the_Authorization_value()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(Config.From(Credentials));
        services.AddSingleton<ITokenStore>(new InMemoryTokenStore { Tokens = { [new TokenRequest("example", null)] = new OAuthToken("distinctive-token-7f3") } });
        services.AddHttpClient("plain").AddRemoteAppAuthentication<IExampleApi>()
            .ConfigurePrimaryHttpMessageHandler(() => new RecordingServer());
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("plain").GetAsync("https://api.example.com/v1/me");

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains("distinctive-token-7f3"));
    }
}
