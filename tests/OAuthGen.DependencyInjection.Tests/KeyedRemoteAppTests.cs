using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>Two installations of one API side by side: keyed services, each with its own options, token store and HttpClient.</summary>
public class KeyedRemoteAppTests
{
    private static readonly (string, string)[] TwoInstallations =
    [
        ("Acme:BaseUrl", "https://github.acme.example/api/v3/"), ("Acme:AccessTokenUrl", "https://github.acme.example/login/oauth/access_token"),
        ("Acme:ConsumerKey", "acme-id"), ("Acme:ConsumerSecret", "acme-secret"),
        ("GLOBEX_BASE_URL", "https://git.globex.example/api/v3/"), ("GLOBEX_ACCESS_TOKEN_URL", "https://git.globex.example/login/oauth/access_token"),
        ("GLOBEX_CONSUMER_KEY", "globex-id"), ("GLOBEX_CONSUMER_SECRET", "globex-secret"),
    ];

    /// <summary>A service that needs both installations, as an application writes it.</summary>
    private sealed class Mirror([FromKeyedServices("Acme")] IGitHubEnterpriseApi acme, [FromKeyedServices("Globex")] IGitHubEnterpriseApi globex)
    {
        public IGitHubEnterpriseApi Acme { get; } = acme;

        public IGitHubEnterpriseApi Globex { get; } = globex;

        public Task SyncAsync(CancellationToken cancellationToken) =>
            Task.WhenAll(Acme.GetUserAsync(cancellationToken), Globex.GetUserAsync(cancellationToken));
    }

    [Fact]
    public async Task Two_keyed_registrations_have_their_own_configuration_options_token_store_and_HttpClient()
    {
        var acmeServer = new RecordingServer();
        var globexServer = new RecordingServer();
        var acmeStore = new InMemoryTokenStore();
        var globexStore = new InMemoryTokenStore();
        acmeStore.Tokens[new TokenRequest("Acme", null)] = "acme-token";
        globexStore.Tokens[new TokenRequest("Globex", null)] = "globex-token";
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(TwoInstallations));
        services.AddKeyedSingleton<ITokenStore>("Acme", acmeStore);
        services.AddKeyedSingleton<ITokenStore>("Globex", globexStore);
        services.AddTransient<StampHandler>();
        services.AddKeyedRemoteApp<IGitHubEnterpriseApi>("Acme").ConfigurePrimaryHttpMessageHandler(() => acmeServer)
            .AddHttpMessageHandler<StampHandler>();
        services.AddKeyedRemoteApp<IGitHubEnterpriseApi>("Globex", options => options.Scope = "repo")
            .ConfigurePrimaryHttpMessageHandler(() => globexServer);
        services.AddTransient<Mirror>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var mirror = provider.GetRequiredService<Mirror>();
        await mirror.SyncAsync(CancellationToken.None);

        var acme = Assert.Single(acmeServer.Requests);
        Assert.Equal("https://github.acme.example/api/v3/user", acme.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer acme-token", acme.Headers.Authorization!.ToString());
        Assert.True(acme.Headers.Contains("X-Stamp"));                   // Acme's own handler...
        var globex = Assert.Single(globexServer.Requests);
        Assert.Equal("https://git.globex.example/api/v3/user", globex.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer globex-token", globex.Headers.Authorization!.ToString());
        Assert.False(globex.Headers.Contains("X-Stamp"));                // ...is not Globex's
        Assert.Equal("acme-id", mirror.Acme.Options.ConsumerKey);
        Assert.Equal("Globex", mirror.Globex.Options.Name);
        Assert.Equal("globex-id", mirror.Globex.Options.ConsumerKey);     // flat keys, under the service key
        Assert.Equal("Globex", mirror.Globex.Options.AppKey);
        var monitor = provider.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>();
        Assert.Equal("repo", monitor.Get("Globex").Scope);
        Assert.Null(monitor.Get("Acme").Scope);
        Assert.Equal("acme-id", provider.GetRequiredKeyedService<IGitHubEnterpriseApi>("Acme").Options.ConsumerKey);
    }

    [Fact]
    public async Task Keyed_registrations_leave_the_registration_without_a_key_as_it_was()
    {
        var server = new RecordingServer();
        var acmeServer = new RecordingServer();
        var store = new InMemoryTokenStore();
        store.Tokens[new TokenRequest("github", null)] = "public-token";
        store.Tokens[new TokenRequest("Acme", null)] = "acme-token-from-the-shared-store";
        var services = new ServiceCollection();
        services.AddSingleton(Config.From([.. TwoInstallations, ("GitHub:ConsumerKey", "gh-id"), ("GitHub:ConsumerSecret", "gh-secret")]));
        services.AddSingleton<ITokenStore>(store);
        services.AddRemoteApp<IGitHubApi>().ConfigurePrimaryHttpMessageHandler(() => server);
        services.AddKeyedRemoteApp<IGitHubApi>("Acme", options => options.BaseUrl = "https://github.acme.example/api/v3/")
            .ConfigurePrimaryHttpMessageHandler(() => acmeServer);
        await using var provider = services.BuildServiceProvider();

        var github = provider.GetRequiredService<IGitHubApi>();
        var acme = provider.GetRequiredKeyedService<IGitHubApi>("Acme");
        await github.GetUserAsync();
        await acme.GetUserAsync();

        Assert.Equal("github", github.Options.Name);
        Assert.Equal("gh-id", github.Options.ConsumerKey);
        Assert.Equal("acme-id", acme.Options.ConsumerKey);   // its own section, not GitHub's
        Assert.Equal("https://api.github.com/user", Assert.Single(server.Requests).RequestUri!.AbsoluteUri);
        // Without a store under its key, a keyed app shares the container's store, under its own name.
        Assert.Equal("Bearer acme-token-from-the-shared-store", Assert.Single(acmeServer.Requests).Headers.Authorization!.ToString());
        Assert.Null(provider.GetKeyedService<IGitHubApi>("Globex"));
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IGitHubApi) && !descriptor.IsKeyedService);
    }

    [Fact]
    public async Task A_keyed_registration_missing_configuration_fails_the_host_start_naming_its_own_keys()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(TwoInstallations.Where(pair => pair.Item1 != "GLOBEX_CONSUMER_SECRET")
            .Select(pair => new System.Collections.Generic.KeyValuePair<string, string?>(pair.Item1, pair.Item2)));
        builder.Services.AddKeyedRemoteApp<IGitHubEnterpriseApi>("Acme");
        builder.Services.AddKeyedRemoteApp<IGitHubEnterpriseApi>("Globex");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Globex", error.OptionsName);
        var failure = Assert.Single(error.Failures);
        Assert.Contains("'Globex:ConsumerSecret'", failure);
        Assert.Contains("'GLOBEX_CONSUMER_SECRET'", failure);
    }

    [Fact]
    public void A_service_key_must_name_something()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddKeyedRemoteApp<IGitHubApi>(" "));
        Assert.Throws<ArgumentNullException>(() => services.AddKeyedRemoteApp<IGitHubApi>(null!));
    }

    [Fact]
    public void A_service_key_that_is_another_apps_name_is_refused()
    {
        var services = new ServiceCollection();
        services.AddRemoteApp<IGitHubApi>();

        var error = Assert.Throws<ArgumentException>(() => services.AddKeyedRemoteApp<IGitHubEnterpriseApi>("github"));

        Assert.Contains("IGitHubApi", error.Message);
    }
}
