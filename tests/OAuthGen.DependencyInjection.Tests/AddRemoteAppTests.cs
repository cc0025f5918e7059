using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen.DependencyInjection.Tests;

public class AddRemoteAppTests
{
    private static readonly (string, string)[] NestedCredentials =
        [("Example:ConsumerKey", "nested-id"), ("Example:ConsumerSecret", "nested-secret"), ("Example:AccessTokenUrl", "https://auth.example.com/token")];

    private static ServiceCollection Services(IConfiguration? configuration = null)
    {
        var services = new ServiceCollection();
        if (configuration is not null) services.AddSingleton(configuration);
        return services;
    }

    [Fact]
    public async Task The_client_is_a_typed_HttpClient_whose_requests_run_through_handlers_added_on_the_returned_builder()
    {
        var server = new RecordingServer();
        var services = Services(Config.From(NestedCredentials));
        services.AddTransient<StampHandler>();
        IHttpClientBuilder builder = services.AddRemoteApp<IExampleApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("access-1"));
        builder.AddHttpMessageHandler<StampHandler>().ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IExampleApi>();
        var response = await client.GetProfileAsync();

        Assert.Equal("demo", ((JsonElement)response.Data!).GetProperty("login").GetString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("https://api.example.com/v1/me", request.RequestUri!.AbsoluteUri);
        Assert.Equal("added-by-user-handler", request.Headers.GetValues("X-Stamp").Single());
        Assert.Equal("Bearer access-1", request.Headers.Authorization!.ToString());
        Assert.Equal("example", client.Options.Name);
    }

    [Fact]
    public async Task Nested_configuration_keys_fill_the_options()
    {
        var services = Services(Config.From([.. NestedCredentials, ("Example:Scope", "read write"), ("Example:TokenPlacement", "Query"),
            ("Example:ClientAuthMethod", "client_secret_basic"), ("Example:RequestTokenParams:prompt", "consent"),
            ("Example:RequestTokenParams:audience", "api")]));
        services.AddRemoteApp<IExampleApi>();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IExampleApi>().Options;

        Assert.Equal("nested-id", options.ConsumerKey);
        Assert.Equal("nested-secret", options.ConsumerSecret);
        Assert.Equal("https://auth.example.com/token", options.AccessTokenUrl);
        Assert.Equal("read write", options.Scope);
        Assert.Equal(TokenPlacement.Query, options.TokenPlacement);
        Assert.Equal(ClientAuthMethod.ClientSecretBasic, options.ClientAuthMethod);
        Assert.Equal(new Dictionary<string, string> { ["prompt"] = "consent", ["audience"] = "api" }, options.RequestTokenParams);
    }

    [Fact]
    public async Task Flask_style_flat_keys_configure_everything_including_every_url()
    {
        // The seed's last lazy-configuration example: the code says only name and app_key.
        var services = Services(Config.From(
            ("TWITTER_CONSUMER_KEY", "flat-key"), ("TWITTER_CONSUMER_SECRET", "flat-secret"),
            ("TWITTER_BASE_URL", "https://api.twitter.com/1.1/"),
            ("TWITTER_REQUEST_TOKEN_URL", "https://api.twitter.com/oauth/request_token"),
            ("TWITTER_ACCESS_TOKEN_URL", "https://api.twitter.com/oauth/access_token"),
            ("TWITTER_AUTHORIZE_URL", "https://api.twitter.com/oauth/authenticate"),
            ("TWITTER_SERVER_METADATA_URL", "https://api.twitter.com/.well-known/oauth-authorization-server"),
            ("TWITTER_REVOCATION_URL", "https://api.twitter.com/oauth/revoke"),
            ("TWITTER_SIGNATURE_METHOD", "HMAC-SHA256"), ("TWITTER_SIGNATURE_TYPE", "query"),
            ("TWITTER_REQUEST_TOKEN_METHOD", "get"), ("TWITTER_ACCESS_TOKEN_METHOD", "GET"),
            ("TWITTER_REQUIRE_CALLBACK_CONFIRMED", "false"), ("TWITTER_REALM", "Photos"),
            ("TWITTER_CONTENT_TYPE", "application/json"), ("TWITTER_TOKEN_TYPE", "OAuth"),
            ("TWITTER_PENDING_AUTHORIZATION_LIFETIME", "00:05:00"),
            ("TWITTER_REQUEST_TOKEN_PARAMS", "x_auth_access_type=read&lang=en")));
        services.AddRemoteApp<ITwitterApi>();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<ITwitterApi>().Options;

        Assert.True(options.IsOAuth1);
        Assert.Equal("flat-key", options.ConsumerKey);
        Assert.Equal("flat-secret", options.ConsumerSecret);
        Assert.Equal("https://api.twitter.com/1.1/", options.BaseUrl);
        Assert.Equal("https://api.twitter.com/oauth/request_token", options.RequestTokenUrl);
        Assert.Equal("https://api.twitter.com/oauth/access_token", options.AccessTokenUrl);
        Assert.Equal("https://api.twitter.com/oauth/authenticate", options.AuthorizeUrl);
        Assert.Equal("https://api.twitter.com/.well-known/oauth-authorization-server", options.ServerMetadataUrl);
        Assert.Equal("https://api.twitter.com/oauth/revoke", options.RevocationUrl);
        Assert.Equal(SignatureMethod.HmacSha256, options.SignatureMethod);
        Assert.Equal(SignatureType.Query, options.SignatureType);
        Assert.Equal(HttpMethod.Get, options.RequestTokenMethod); // the default is POST
        Assert.Equal(HttpMethod.Get, options.AccessTokenMethod);
        Assert.False(options.RequireCallbackConfirmed);
        Assert.Equal("Photos", options.Realm);
        Assert.Equal("application/json", options.ContentType);
        Assert.Equal("OAuth", options.TokenType);
        Assert.Equal(TimeSpan.FromMinutes(5), options.PendingAuthorizationLifetime);
        Assert.Equal("read", options.RequestTokenParams["x_auth_access_type"]);
        Assert.Equal("en", options.RequestTokenParams["lang"]);
    }

    [Fact]
    public async Task A_nested_key_wins_over_its_flat_twin_and_empty_values_count_as_absent()
    {
        var services = Services(Config.From(("Example:ConsumerKey", "nested"), ("EXAMPLE_CONSUMER_KEY", "flat"),
            ("Example:ConsumerSecret", ""), ("EXAMPLE_CONSUMER_SECRET", "flat-secret"), ("EXAMPLE_ACCESS_TOKEN_URL", "https://auth.example.com/token")));
        services.AddRemoteApp<IExampleApi>();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IExampleApi>().Options;

        Assert.Equal("nested", options.ConsumerKey);
        Assert.Equal("flat-secret", options.ConsumerSecret);
    }

    [Fact]
    public async Task Values_in_code_win_over_configuration()
    {
        var services = Services(Config.From([.. NestedCredentials,
            ("Example:BaseUrl", "https://config.example.com/"),      // the attribute set BaseUrl
            ("Example:Scope", "from-config"),                        // configure sets Scope
            ("Example:TokenType", "OAuth2"),                         // configure sets TokenType to its default: it still wins
            ("Example:RequestTokenParams:prompt", "none"), ("Example:RequestTokenParams:display", "popup")]));
        services.AddRemoteApp<IExampleApi>(options =>
        {
            options.Scope = "from-code";
            options.TokenType = "Bearer";
            options.RequestTokenParams["prompt"] = "consent";
        });
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IExampleApi>().Options;

        Assert.Equal("https://api.example.com/v1/", options.BaseUrl);
        Assert.Equal("from-code", options.Scope);
        Assert.Equal("Bearer", options.TokenType);
        Assert.Equal("consent", options.RequestTokenParams["prompt"]);
        Assert.Equal("popup", options.RequestTokenParams["display"]);
        Assert.Equal("nested-id", options.ConsumerKey);
    }

    [Fact]
    public async Task Registering_a_client_twice_keeps_one_client_and_runs_both_callbacks_and_both_handler_chains()
    {
        var server = new RecordingServer();
        var services = Services(Config.From(NestedCredentials));
        services.AddTransient<StampHandler>();
        // A library registers the client; the app adjusts it later.
        services.AddRemoteApp<IExampleApi>(options =>
            {
                options.Scope = "library";
                options.TokenType = "OAuth2";
                options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t");
            })
            .ConfigurePrimaryHttpMessageHandler(() => server);
        services.AddRemoteApp<IExampleApi>(options => options.Scope = "app")
            .AddHttpMessageHandler<StampHandler>();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IExampleApi>();
        await client.GetProfileAsync();

        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IExampleApi));
        Assert.Equal("app", client.Options.Scope);
        Assert.Equal("OAuth2", client.Options.TokenType);
        Assert.Equal("added-by-user-handler", Assert.Single(server.Requests).Headers.GetValues("X-Stamp").Single());
    }

    [Fact]
    public async Task A_missing_required_value_fails_when_the_host_starts_naming_both_keys()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Example:ConsumerKey", "id"), new("EXAMPLE_ACCESS_TOKEN_URL", "https://auth.example.com/token")]);
        builder.Services.AddRemoteApp<IExampleApi>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("example", error.OptionsName);
        Assert.Equal(typeof(RemoteAppOptions), error.OptionsType);
        Assert.Contains("'Example:ConsumerSecret'", Assert.Single(error.Failures));
        Assert.Contains("'EXAMPLE_CONSUMER_SECRET'", error.Message);
        Assert.DoesNotContain("ConsumerKey", error.Message);
    }

    [Fact]
    public async Task Without_a_host_the_first_resolve_fails_naming_every_missing_key()
    {
        var services = Services(Config.From());
        services.AddRemoteApp<ITwitterApi>(options => options.RequestTokenUrl = "https://api.twitter.com/oauth/request_token");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITwitterApi>());

        Assert.Equal(4, error.Failures.Count()); // one per missing value
        foreach (var key in new[] { "TWITTER:ConsumerKey", "TWITTER_CONSUMER_KEY", "TWITTER:ConsumerSecret", "TWITTER_CONSUMER_SECRET",
                     "TWITTER:AccessTokenUrl", "TWITTER_ACCESS_TOKEN_URL", "TWITTER:AuthorizeUrl", "TWITTER_AUTHORIZE_URL" })
        {
            Assert.Contains($"'{key}'", error.Message);
        }
    }

    [Fact]
    public async Task An_unreadable_configured_value_fails_naming_its_key()
    {
        var services = Services(Config.From([.. NestedCredentials, ("EXAMPLE_CODE_CHALLENGE_METHOD", "S512"), ("Example:AllowInsecureHttp", "maybe")]));
        services.AddRemoteApp<IExampleApi>();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IExampleApi>());

        Assert.Contains("'EXAMPLE_CODE_CHALLENGE_METHOD' is 'S512'", error.Message);
        Assert.Contains("S256, Plain, None", error.Message);
        Assert.Contains("'Example:AllowInsecureHttp' is 'maybe'", error.Message);
    }

    [Fact]
    public async Task Changing_AppKey_in_the_configure_callback_is_refused_rather_than_silently_ignored()
    {
        var services = Services(Config.From(NestedCredentials));
        services.AddRemoteApp<IExampleApi>(options => options.AppKey = "Other");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IExampleApi>());

        Assert.Contains("AppKey was changed", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_token_store_registered_in_the_container_serves_the_tokens()
    {
        var server = new RecordingServer();
        var store = new InMemoryTokenStore();
        store.Tokens[new TokenRequest("example", null)] = "stored-token";
        var services = Services(Config.From(NestedCredentials));
        services.AddSingleton<ITokenStore>(store);
        services.AddRemoteApp<IExampleApi>().ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IExampleApi>().GetProfileAsync();

        Assert.Equal("Bearer stored-token", Assert.Single(server.Requests).Headers.Authorization!.ToString());
        Assert.Equal(new TokenRequest("example", null), Assert.Single(store.Lookups));
    }

    [Fact]
    public async Task A_scoped_token_store_is_resolved_per_scope()
    {
        var server = new RecordingServer();
        var services = Services(Config.From(NestedCredentials));
        services.AddScoped<ITokenStore, InMemoryTokenStore>();
        services.AddRemoteApp<IExampleApi>().ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        foreach (var user in new[] { "alice-token", "bob-token" })
        {
            await using var scope = provider.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ITokenStore>();
            await store.SaveAsync(new TokenRequest("example", null), user, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IExampleApi>().GetProfileAsync();
        }

        Assert.Equal(["Bearer alice-token", "Bearer bob-token"], server.Requests.Select(r => r.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task A_token_getter_set_in_code_wins_over_the_container_store()
    {
        var server = new RecordingServer();
        var store = new InMemoryTokenStore();
        var services = Services(Config.From(NestedCredentials));
        services.AddSingleton<ITokenStore>(store);
        services.AddRemoteApp<IExampleApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("getter-token"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IExampleApi>().GetProfileAsync();

        Assert.Equal("Bearer getter-token", Assert.Single(server.Requests).Headers.Authorization!.ToString());
        Assert.Empty(store.Lookups);
    }

    [Fact]
    public async Task A_TimeProvider_in_the_container_becomes_the_clients_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = Services(Config.From(NestedCredentials));
        services.AddSingleton<TimeProvider>(clock);
        services.AddRemoteApp<IExampleApi>();
        await using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<IExampleApi>().Options.TimeProvider);
    }

    [Fact]
    public async Task A_registered_replay_store_is_used_when_the_options_have_none()
    {
        var store = new RecordingReplayStore();
        var server = new RecordingServer();
        var services = Services(Config.From([.. NestedCredentials, ("Example:AuthorizeUrl", "https://auth.example.com/authorize")]));
        services.AddSingleton<IReplayStore>(store);
        services.AddRemoteApp<IExampleApi>().ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IExampleApi>();
        var pending = (await client.AuthorizeAsync("https://app.example.com/cb")).Pending;
        KeyValuePair<string, string>[] callback = [new("code", "c0de"), new("state", pending.State!)];

        // The server's answer is no token (invalid_response); the flow is spent all the same.
        await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizedResponseAsync(callback, pending));
        var replay = await Assert.ThrowsAsync<OAuthException>(() =>
            provider.GetRequiredService<IExampleApi>().AuthorizedResponseAsync(callback, pending));

        Assert.Same(store, client.Options.ReplayStore);
        Assert.Equal(OAuthErrorType.PendingAuthorizationUsed, replay.Type);
        Assert.Equal(2, store.Keys.Count);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_replay_store_set_in_the_options_wins_over_the_registered_one()
    {
        var registered = new RecordingReplayStore();
        var own = new RecordingReplayStore();
        var services = Services(Config.From(NestedCredentials));
        services.AddSingleton<IReplayStore>(registered);
        services.AddRemoteApp<IExampleApi>(options => options.ReplayStore = own);
        await using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IExampleApi>().Options.ReplayStore);
    }

    [Theory]
    [InlineData(TokenPlacement.Header)]
    [InlineData(TokenPlacement.Query)]
    public async Task Logs_and_traces_show_the_request_line_and_status_but_never_secrets_or_tokens(TokenPlacement placement)
    {
        const string AccessToken = "sEcReT-aCcEsS-tOkEn";
        const string ConsumerSecret = "sEcReT-cOnSuMeR";
        var logs = new CapturingLoggerProvider();
        var server = new RecordingServer();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RemoteApp.ActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) activities.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var services = Services(Config.From(("Example:ConsumerKey", "id"), ("Example:ConsumerSecret", ConsumerSecret),
            ("Example:AccessTokenUrl", "https://auth.example.com/token"), ("Example:TokenPlacement", placement.ToString())));
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddRemoteApp<IExampleApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(AccessToken))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IExampleApi>().GetProfileAsync();
        await provider.GetRequiredService<IExampleApi>().GetAsync("search", new Dictionary<string, string> { ["q"] = "x" });

        var sent = server.Requests.First();
        Assert.Contains(AccessToken, placement == TokenPlacement.Header ? sent.Headers.Authorization!.ToString() : sent.RequestUri!.Query);
        var clientLog = logs.Entries.Where(e => e.Category == typeof(IExampleApi).FullName).Select(e => e.Text).ToList();
        Assert.Contains(clientLog, text => text.Contains("example GET https://api.example.com/v1/me -> 200", StringComparison.Ordinal));
        Assert.Contains(activities, activity => activity.GetTagItem("http.response.status_code") is 200);
        var everything = string.Join("\n", logs.Entries.Select(e => e.Text))
            + string.Join("\n", activities.Select(a => a.DisplayName + " " + string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))));
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(AccessToken, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ConsumerSecret, everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A shared store stand-in (a later package adds Redis): remembers keys, never expires them.</summary>
    private sealed class RecordingReplayStore : IReplayStore
    {
        public ConcurrentQueue<string> Keys { get; } = new();

        public ValueTask<bool> TryMarkUsedAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            var first = !Keys.Contains(key);
            Keys.Enqueue(key);
            return ValueTask.FromResult(first);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
