using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>
/// In a host, clients record on the OAuthGen meter of the host's <see cref="IMeterFactory"/>: two hosts in one process
/// (two tests, two tenants) each see their own measurements, and the process-wide meter sees none of them.
/// </summary>
public sealed class MeterFactoryTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(object? Scope, string Instrument, string? App)> _measurements = new();

    public MeterFactoryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OAuthGenTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Keep(instrument, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Keep(instrument, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? app = null;
        foreach (var tag in tags) if (tag.Key == "oauthgen.app") app = tag.Value as string;
        if (app == "metered") _measurements.Enqueue((instrument.Meter.Scope, instrument.Name, app));
    }

    private static IHost Host(HttpMessageHandler server)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Metered:ConsumerKey", "id"), new("Metered:ConsumerSecret", "secret")]);
        builder.Services.AddRemoteApp<IMeteredApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        return builder.Build();
    }

    [Fact]
    public async Task Each_host_records_on_its_own_meter_factory_and_never_on_the_process_wide_meter()
    {
        using var first = Host(new RecordingServer());
        using var second = Host(new RecordingServer());
        var firstFactory = first.Services.GetRequiredService<IMeterFactory>();
        var secondFactory = second.Services.GetRequiredService<IMeterFactory>();

        await first.Services.GetRequiredService<IMeteredApi>().PingAsync();
        await second.Services.GetRequiredService<IMeteredApi>().PingAsync();
        await second.Services.GetRequiredService<IMeteredApi>().PingAsync();

        Assert.Same(firstFactory, first.Services.GetRequiredService<IMeteredApi>().Options.MeterFactory);
        Assert.Single(_measurements, m => m.Scope == firstFactory && m.Instrument == "oauthgen.request.duration");
        Assert.Equal(2, _measurements.Count(m => m.Scope == secondFactory && m.Instrument == "oauthgen.request.duration"));
        Assert.DoesNotContain(_measurements, m => m.Scope is null);
    }

    [Fact]
    public async Task A_MetricCollector_on_the_hosts_factory_counts_that_hosts_token_requests_only()
    {
        using var first = Host(new TokenServer());
        using var second = Host(new TokenServer());
        using var collector = new MetricCollector<long>(first.Services.GetRequiredService<IMeterFactory>(), OAuthGenTelemetry.Name, "oauthgen.token.requests");

        await first.Services.GetRequiredService<IMeteredApi>().ClientCredentialsAsync("read");
        await second.Services.GetRequiredService<IMeteredApi>().ClientCredentialsAsync("read");
        await second.Services.GetRequiredService<IMeteredApi>().ClientCredentialsAsync("write");

        var measurement = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("client_credentials", measurement.Tags["oauthgen.leg"]);
        Assert.Equal("success", measurement.Tags["oauthgen.outcome"]);
        Assert.Equal("metered", measurement.Tags["oauthgen.app"]);
    }

    [Fact]
    public async Task A_meter_factory_set_in_the_options_wins_and_the_meter_carries_the_package_version()
    {
        using var own = new OwnMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(("Metered:ConsumerKey", "id"), ("Metered:ConsumerSecret", "secret")));
        services.AddRemoteApp<IMeteredApi>(options =>
            {
                options.MeterFactory = own;
                options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new RecordingServer());
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IMeteredApi>().PingAsync();

        var meter = Assert.Single(own.Meters);
        Assert.Equal(OAuthGenTelemetry.Version, meter.Version);
        Assert.Single(_measurements, m => m.Scope == own && m.Instrument == "oauthgen.request.duration");
    }

    [Fact]
    public async Task Any_container_has_a_meter_factory_and_clients_created_without_one_record_on_the_process_wide_meter()
    {
        // AddHttpClient registers the metrics services (AddMetrics), so a plain ServiceCollection has a factory too.
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(("Metered:ConsumerKey", "id"), ("Metered:ConsumerSecret", "secret")));
        services.AddRemoteApp<IMeteredApi>(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("t"));
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IMeteredApi>().Options;
        options.MeterFactory = null;

        var client = IMeteredApi.Create(new System.Net.Http.HttpClient(new RecordingServer()), options);
        await client.PingAsync();

        Assert.Same(provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<IMeteredApi>().Options.MeterFactory);
        Assert.Single(_measurements, m => m.Scope is null && m.Instrument == "oauthgen.request.duration");
    }

    /// <summary>A token endpoint that grants every client credentials request.</summary>
    private sealed class TokenServer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"access_token":"cc-1","token_type":"bearer","expires_in":3600}""", Encoding.UTF8, "application/json"),
            });
    }

    /// <summary>A factory that creates its meters with itself as scope, as the default one does.</summary>
    private sealed class OwnMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            lock (Meters)
            {
                var meter = Meters.FirstOrDefault(m => m.Name == options.Name && m.Version == options.Version);
                if (meter is null)
                {
                    meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
                    Meters.Add(meter);
                }
                return meter;
            }
        }

        public void Dispose()
        {
            foreach (var meter in Meters) meter.Dispose();
        }
    }
}
