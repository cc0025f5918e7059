using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>
/// Clients of APIs called with a personal access token or an API key opt in with <see cref="RemoteAppOptions.ApiOnly"/>;
/// every other app keeps the strict check for missing endpoints and credentials.
/// </summary>
public class ApiOnlyTests
{
    private const string PersonalAccessToken = "pat-0c1d2e";

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        return builder;
    }

    [Fact]
    public async Task An_api_only_app_starts_and_calls_with_a_token_getter_alone()
    {
        var server = new RecordingServer();
        var builder = Builder();
        builder.Services.AddRemoteApp<IStatusApi>(options =>
        {
            options.ApiOnly = true;
            options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(PersonalAccessToken);
        }).ConfigurePrimaryHttpMessageHandler(() => server);
        using var host = builder.Build();

        await host.StartAsync();
        var response = await host.Services.GetRequiredService<IStatusApi>().GetSummaryAsync();
        await host.StopAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("https://status.example.com/api/summary", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + PersonalAccessToken, request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task An_app_declared_api_only_on_its_attribute_needs_only_a_token_store()
    {
        var server = new RecordingServer();
        var builder = Builder();
        builder.Services.AddSingleton<ITokenStore>(new PersonalAccessTokenStore(PersonalAccessToken));
        builder.Services.AddRemoteApp<IPersonalAccessTokenApi>().ConfigurePrimaryHttpMessageHandler(() => server);
        using var host = builder.Build();

        await host.StartAsync();
        var response = await host.Services.GetRequiredService<IPersonalAccessTokenApi>().GetSummaryAsync();
        await host.StopAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.True(host.Services.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get("pat-api").ApiOnly);
        Assert.Equal("Bearer " + PersonalAccessToken, Assert.Single(server.Requests).Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task The_same_app_without_the_opt_in_fails_at_host_start_naming_every_missing_value()
    {
        var builder = Builder();
        builder.Services.AddRemoteApp<IStatusApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(PersonalAccessToken));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains("sets ApiOnly instead", error.Failures.First()); // the way out, where a token-only app first meets the check
        foreach (var key in new[] { "Status:ConsumerKey", "STATUS_CONSUMER_SECRET", "Status:AccessTokenUrl" })
        {
            Assert.Contains($"'{key}'", error.Message);
        }
    }

    [Fact]
    public async Task Configuration_cannot_opt_an_app_out_of_the_check()
    {
        var builder = Builder(("Status:ApiOnly", "true"), ("STATUS_API_ONLY", "true"));
        builder.Services.AddRemoteApp<IStatusApi>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Status:ConsumerKey'", error.Message);
    }

    [Fact]
    public async Task An_api_only_app_refuses_flows_it_has_no_endpoint_for_naming_the_missing_option()
    {
        var builder = Builder();
        builder.Services.AddRemoteApp<IStatusApi>(options => options.ApiOnly = true);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IStatusApi>();

        var authorize = await Assert.ThrowsAsync<OAuthException>(() => client.AuthorizeAsync("https://app.example/callback"));
        var clientCredentials = await Assert.ThrowsAsync<OAuthException>(() => client.ClientCredentialsAsync());
        await host.StopAsync();

        Assert.Equal(OAuthErrorType.InvalidConfiguration, authorize.Type);
        Assert.Contains("'Status:", authorize.Message);
        Assert.Equal(OAuthErrorType.InvalidConfiguration, clientCredentials.Type);
    }

    [Fact]
    public async Task Configuration_still_fills_an_api_only_app()
    {
        var builder = Builder(("STATUS_BASE_URL", "https://ignored.example/"), ("Status:Scope", "read"));
        builder.Services.AddRemoteApp<IStatusApi>(options => options.ApiOnly = true);
        using var host = builder.Build();
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptionsMonitor<RemoteAppOptions>>().Get("status");
        await host.StopAsync();

        Assert.True(options.ApiOnly);
        Assert.Equal("read", options.Scope);
        Assert.Equal("https://status.example.com/api/", options.BaseUrl); // the attribute's value wins
    }

    [Fact]
    public async Task An_api_only_OAuth1_app_still_needs_the_consumer_credentials_that_sign_its_requests_but_no_endpoints()
    {
        var builder = Builder();
        builder.Services.AddRemoteApp<ITwitterApi>(options =>
        {
            options.RequestTokenUrl = "https://api.twitter.com/oauth/request_token";
            options.ApiOnly = true;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("'TWITTER:ConsumerKey'", error.Message);
        Assert.Contains("'TWITTER:ConsumerSecret'", error.Message);
        Assert.DoesNotContain("AuthorizeUrl", error.Message);
        Assert.DoesNotContain("AccessTokenUrl", error.Message);
    }

    [Fact]
    public async Task Without_dependency_injection_the_opt_in_works_the_same()
    {
        var server = new RecordingServer();
        var options = new RemoteAppOptions
        {
            Name = "status",
            BaseUrl = "https://status.example.com/api/",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(PersonalAccessToken),
        };

        var strict = Assert.Throws<OAuthException>(() => IStatusApi.Create(new HttpClient(server), options));
        options.ApiOnly = true;
        var client = IStatusApi.Create(new HttpClient(server), options);
        await client.GetSummaryAsync();

        Assert.Equal(OAuthErrorType.InvalidConfiguration, strict.Type);
        Assert.Contains("ConsumerKey is required", strict.Message);
        Assert.Equal("Bearer " + PersonalAccessToken, Assert.Single(server.Requests).Headers.Authorization!.ToString());
    }

    /// <summary>A store holding one personal access token, handed out for every request.</summary>
    private sealed class PersonalAccessTokenStore(string token) : ITokenStore
    {
        public ValueTask<OAuthToken?> GetAsync(TokenRequest request, System.Threading.CancellationToken cancellationToken) =>
            ValueTask.FromResult<OAuthToken?>(new OAuthToken(token));

        public ValueTask SaveAsync(TokenRequest request, OAuthToken token, System.Threading.CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }
}
