using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Tests;

/// <summary>One running provider per test class, with a clock the tests can move.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public DemoProviderHost Provider { get; private set; } = null!;

    public HttpClient Http { get; } = RfcClient.CreateHttpClient();

    public async Task InitializeAsync() => Provider = await DemoProviderHost.StartAsync(new DemoProviderOptions { TimeProvider = Clock });

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Provider.DisposeAsync();
    }
}
