using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>Each app's options are the named options of its name, composed and validated by the options system.</summary>
public class NamedOptionsTests
{
    private static readonly (string, string)[] GitHubCredentials = [("GitHub:ConsumerKey", "gh-id"), ("GitHub:ConsumerSecret", "gh-secret")];

    private static ServiceCollection Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        return services;
    }

    [Fact]
    public async Task IOptionsMonitor_returns_the_apps_composed_options_by_app_name()
    {
        var services = Services(Config.From([.. GitHubCredentials, ("GitHub:Scope", "read:user")]));
        services.AddRemoteApp<IGitHubApi>(options => options.RefreshLeeway = TimeSpan.FromMinutes(2));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get("github");

        Assert.Equal("github", options.Name);
        Assert.Equal("https://api.github.com/", options.BaseUrl);                  // attribute
        Assert.Equal("gh-id", options.ConsumerKey);                                 // configuration
        Assert.Equal("read:user", options.Scope);                                   // configuration
        Assert.Equal(TimeSpan.FromMinutes(2), options.RefreshLeeway);               // AddRemoteApp's callback
        Assert.Equal("gh-secret", provider.GetRequiredService<IGitHubApi>().Options.ConsumerSecret); // what the client got
    }

    [Fact]
    public async Task Configure_by_name_and_the_AddRemoteApp_callback_run_in_registration_order_after_configuration()
    {
        var services = Services(Config.From([.. GitHubCredentials, ("GitHub:Scope", "from-config"), ("GitHub:Realm", "from-config"),
            ("GitHub:ContentType", "from-config")]));
        // Registered before AddRemoteApp: it runs before configuration is read, and configuration fills only what is unset.
        services.Configure<RemoteAppOptions>("github", options => options.Realm = "configure-before");
        services.AddRemoteApp<IGitHubApi>(options =>
        {
            options.Scope = "callback";
            options.ContentType = "callback";
        });
        services.Configure<RemoteAppOptions>("github", options => options.Scope = "configure-after");
        services.Configure<RemoteAppOptions>("other", options => options.Scope = "another name");
        var clock = new FixedClock();
        services.AddSingleton<TimeProvider>(clock);
        TimeProvider? seenByPostConfigure = null;
        services.PostConfigure<RemoteAppOptions>("github", options => seenByPostConfigure = options.TimeProvider);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IGitHubApi>().Options;

        Assert.Equal("configure-after", options.Scope);   // the later Configure wins over the callback, which wins over configuration
        Assert.Equal("callback", options.ContentType);
        Assert.Equal("configure-before", options.Realm);  // code wins even when registered first
        Assert.Same(clock, options.TimeProvider);         // services fill what is unset after every callback...
        Assert.Same(clock, seenByPostConfigure);          // ...before the application's own post-configuration
    }

    [Fact]
    public async Task Every_AddRemoteApp_call_and_every_Configure_reach_the_same_named_options()
    {
        var services = Services(Config.From(GitHubCredentials));
        services.AddRemoteApp<IGitHubApi>(options => options.Scope = "library");
        services.AddRemoteApp<IGitHubApi>(options => options.Scope += " app");
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("library app", provider.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get("github").Scope);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IGitHubApi));
    }

    [Fact]
    public async Task Names_that_are_not_remote_apps_are_left_to_the_default_options_behaviour()
    {
        var services = Services(Config.From(GitHubCredentials));
        services.AddRemoteApp<IGitHubApi>();
        services.Configure<RemoteAppOptions>("mine", options => options.Scope = "x");
        await using var provider = services.BuildServiceProvider();

        var mine = provider.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get("mine");

        Assert.Equal("x", mine.Scope);
        Assert.Null(mine.BaseUrl);       // not started from any attribute
        Assert.Null(mine.ConsumerKey);   // not validated, not bound
    }

    [Fact]
    public async Task A_misconfigured_app_fails_the_host_start_with_every_failure_before_any_client_is_resolved()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("GITHUB_CONSUMER_KEY", "gh-id"), new("GitHub:TokenPlacement", "Cookie")]);
        var composed = false;
        builder.Services.AddRemoteApp<IGitHubApi>(_ => composed = true);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.True(composed); // composed by the host's start, not by a first call
        Assert.Equal("github", error.OptionsName);
        Assert.Collection(error.Failures,
            unreadable => Assert.Contains("'GitHub:TokenPlacement' is 'Cookie', which is not one of Header, Query", unreadable),
            missing =>
            {
                Assert.Contains("'GitHub:ConsumerSecret'", missing);
                Assert.Contains("'GITHUB_CONSUMER_SECRET'", missing);
            });
        Assert.DoesNotContain("gh-id", error.Message);
    }

    [Fact]
    public async Task The_applications_own_validation_runs_beside_the_apps()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(GitHubCredentials.Select(pair => new System.Collections.Generic.KeyValuePair<string, string?>(pair.Item1, pair.Item2)));
        builder.Services.AddRemoteApp<IGitHubApi>();
        builder.Services.AddOptions<RemoteAppOptions>("github").Validate(options => options.Scope is not null, "This application needs a Scope for github.");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("This application needs a Scope for github.", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_well_configured_host_starts_and_its_clients_work()
    {
        var server = new RecordingServer();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(GitHubCredentials.Select(pair => new System.Collections.Generic.KeyValuePair<string, string?>(pair.Item1, pair.Item2)));
        builder.Services.AddRemoteApp<IGitHubApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t-1"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        using var host = builder.Build();

        await host.StartAsync();
        await host.Services.GetRequiredService<IGitHubApi>().GetUserAsync();
        await host.StopAsync();

        Assert.Equal("Bearer t-1", Assert.Single(server.Requests).Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task A_configuration_reload_reaches_clients_created_after_it_and_never_one_already_created()
    {
        var configuration = (IConfigurationRoot)Config.From([.. GitHubCredentials, ("GitHub:Scope", "before")]);
        var services = Services(configuration);
        services.AddRemoteApp<IGitHubApi>();
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>();
        var changes = 0;
        using var subscription = monitor.OnChange((_, name) => { if (name == "github") changes++; });
        var before = provider.GetRequiredService<IGitHubApi>();

        configuration["GitHub:Scope"] = "after";
        configuration.Reload();
        var after = provider.GetRequiredService<IGitHubApi>();

        Assert.Equal(1, changes);
        Assert.Equal("after", monitor.Get("github").Scope);
        Assert.Equal("after", after.Options.Scope);
        Assert.Equal("before", before.Options.Scope); // a live client keeps the options it was created with
    }

    [Fact]
    public void Two_apps_with_the_same_name_are_refused_when_registered()
    {
        var services = Services(Config.From());
        services.AddKeyedRemoteApp<IStatusApi>("github");

        var error = Assert.Throws<ArgumentException>(() => services.AddRemoteApp<IGitHubApi>());

        Assert.Contains("'github'", error.Message);
        Assert.Contains("AddKeyedRemoteApp", error.Message);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
