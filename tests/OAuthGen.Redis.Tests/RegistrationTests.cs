using System;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.Redis.Tests;

/// <summary>What <c>AddRemoteAppRedis</c> registers, without touching Redis (the connection opens at first use).</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void It_replaces_a_token_store_registered_before_and_gives_each_scope_its_user()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITokenStore, UnusedStore>();
        services.AddScoped<CurrentUser>();
        services.AddRemoteAppRedis(o =>
        {
            o.Configuration = "127.0.0.1:1";
            o.User = sp => sp.GetRequiredService<CurrentUser>().Name;
        });
        using var provider = services.BuildServiceProvider();

        using var alices = provider.CreateScope();
        alices.ServiceProvider.GetRequiredService<CurrentUser>().Name = "alice";
        using var bobs = provider.CreateScope();
        bobs.ServiceProvider.GetRequiredService<CurrentUser>().Name = "bob";

        Assert.Equal("alice", Assert.IsType<DistributedTokenStore>(alices.ServiceProvider.GetRequiredService<ITokenStore>()).User);
        Assert.Equal("bob", Assert.IsType<DistributedTokenStore>(bobs.ServiceProvider.GetRequiredService<ITokenStore>()).User);
        Assert.IsType<RedisTokenRefreshCoordinator>(provider.GetRequiredService<ITokenRefreshCoordinator>());
        Assert.IsType<RedisClientCredentialsCache>(provider.GetRequiredService<IClientCredentialsCache>());
        Assert.IsType<RedisReplayStore>(provider.GetRequiredService<IReplayStore>());
    }

    [Fact]
    public void Bad_settings_are_refused_at_registration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRemoteAppRedis(""));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRemoteAppRedis(o => o.Configuration = " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddRemoteAppRedis(o =>
        {
            o.Configuration = "localhost";
            o.LockExpiry = TimeSpan.Zero;
        }));
    }

    private sealed class CurrentUser
    {
        public string? Name { get; set; }
    }

    private sealed class UnusedStore : ITokenStore
    {
        public System.Threading.Tasks.ValueTask<OAuthToken?> GetAsync(TokenRequest request, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("replaced");

        public System.Threading.Tasks.ValueTask SaveAsync(TokenRequest request, OAuthToken token, System.Threading.CancellationToken cancellationToken) =>
            throw new InvalidOperationException("replaced");
    }
}
