using System;
using System.IO;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.Redis.FarmWorker;

/// <summary>One server's services, as a web farm's server would register them.</summary>
public static class FarmContainer
{
    /// <summary>The peer's secret for <c>o2-post</c> (tests/OAuthGen.Interop.Tests/peer/README.md).</summary>
    public const string ClientSecret = "se cret:/&+=~ end";

    /// <summary>The key prefix of <see cref="OtherCache"/>.</summary>
    public const string OtherCachePrefix = "other-cache:";

    /// <summary>
    /// Microsoft's <c>RedisCache</c> on its own connection and prefix: an <c>IDistributedCache</c> other than the package's
    /// own token entries, which several processes can share (<see cref="RedisRemoteAppOptions.TokenCache"/>).
    /// </summary>
    public static Microsoft.Extensions.Caching.Distributed.IDistributedCache OtherCache(string redis) =>
        new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions { Configuration = redis, InstanceName = OtherCachePrefix }));

    /// <summary>
    /// <see cref="IFarmApp"/> on the peer at <paramref name="peerUrl"/>, switched to Redis at <paramref name="redis"/>, with
    /// the farm's shared Data Protection key ring in <paramref name="keyDirectory"/>; <paramref name="replace"/> changes
    /// registrations last (a test's failing Data Protection provider).
    /// </summary>
    public static ServiceProvider Create(string peerUrl, string redis, string keyDirectory, Action<RedisRemoteAppOptions>? configure = null,
        Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("oauthgen-farm").PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
        services.AddRemoteAppRedis(options =>
        {
            options.Configuration = redis;
            configure?.Invoke(options);
        });
        services.AddRemoteApp<IFarmApp>(options =>
        {
            var peer = peerUrl.TrimEnd('/');
            options.BaseUrl = peer + "/";
            options.AuthorizeUrl = peer + "/oauth2/authorize";
            options.AccessTokenUrl = peer + "/oauth2/token";
            options.ConsumerSecret = ClientSecret;
        });
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
