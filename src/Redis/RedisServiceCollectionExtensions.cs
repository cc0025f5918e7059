using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OAuthGen;
using OAuthGen.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the remote apps of a container on Redis, for web farms.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Switches every remote app in the container (<c>AddRemoteApp&lt;T&gt;</c>, before or after this call) to Redis at
    /// <paramref name="configuration"/>: the shared, encrypted token store, one refresh per token across the farm, shared
    /// client credentials tokens and the farm-wide replay check. See docs/web-farm.md.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> is empty or cannot be parsed.</exception>
    public static IServiceCollection AddRemoteAppRedis(this IServiceCollection services, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return services.AddRemoteAppRedis(options => options.Configuration = configuration);
    }

    /// <summary>
    /// Switches every remote app in the container to Redis, with the settings <paramref name="configure"/> makes
    /// (<see cref="RedisRemoteAppOptions.Configuration"/> is required; per-user tokens need
    /// <see cref="RedisRemoteAppOptions.User"/>).
    /// </summary>
    /// <remarks>
    /// <para>Registered: a scoped <see cref="ITokenStore"/> (<see cref="DistributedTokenStore"/>, replacing any registered
    /// before), and singleton <see cref="ITokenRefreshCoordinator"/>, <see cref="IClientCredentialsCache"/> and
    /// <see cref="IReplayStore"/>. Apps whose options set their own <see cref="RemoteAppOptions.TokenStore"/>,
    /// <see cref="RemoteAppOptions.TokenGetter"/> or the other members keep them.</para>
    /// <para>Entries are encrypted with ASP.NET Core Data Protection (<c>AddDataProtection()</c> is called): every server
    /// of the farm must share the key ring and application name, as for cookies, or a server cannot read what another
    /// wrote.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">No configuration string, one that cannot be parsed, or a setting out of range.</exception>
    public static IServiceCollection AddRemoteAppRedis(this IServiceCollection services, Action<RedisRemoteAppOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RedisRemoteAppOptions();
        configure(options);
        options = options.Clone(); // later changes to the caller's object change nothing
        Validate(options);

        services.AddDataProtection();
        services.AddSingleton(options);
        services.AddSingleton(_ => new RedisConnection(options));
        services.AddSingleton<RedisLock>();
        services.AddSingleton<RedisSecondLevel>(provider => new(new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = provider.GetRequiredService<RedisConnection>().MultiplexerAsync,
        }))));
        services.AddSingleton<ITokenEntries>(provider => options.TokenCache is { } tokenCache
            ? new DistributedCacheTokenEntries(tokenCache(provider) ?? throw new OAuthException(OAuthErrorType.InvalidConfiguration,
                "RedisRemoteAppOptions.TokenCache returned no cache."), provider.GetRequiredService<RedisLock>(), options)
            : new RedisTokenEntries(provider.GetRequiredService<RedisConnection>(), options));
        services.AddSingleton(provider =>
        {
            var cache = new SharedTokenCache(provider.GetRequiredService<ITokenEntries>(), provider.GetRequiredService<IDataProtectionProvider>(),
                options, provider.GetService<ILoggerFactory>()?.CreateLogger<DistributedTokenStore>() ?? NullLogger<DistributedTokenStore>.Instance);
            // Redis back after an outage (perhaps restarted empty): write back what this server holds, higher versions winning.
            provider.GetRequiredService<RedisConnection>().Restored += () => _ = cache.FlushPendingAsync(includeFirstLevel: true);
            return cache;
        });

        services.RemoveAll<ITokenStore>();
        services.AddScoped<ITokenStore>(provider => new DistributedTokenStore(provider.GetRequiredService<SharedTokenCache>(),
            options.User is { } user ? () => user(provider) : null));
        services.Replace(ServiceDescriptor.Singleton<ITokenRefreshCoordinator>(provider => new RedisTokenRefreshCoordinator(
            provider.GetRequiredService<RedisLock>(), provider.GetRequiredService<RedisSecondLevel>().Cache, provider.GetRequiredService<IDataProtectionProvider>(),
            options, LoggerOf<RedisTokenRefreshCoordinator>(provider))));
        services.Replace(ServiceDescriptor.Singleton<IClientCredentialsCache>(provider => new RedisClientCredentialsCache(
            provider.GetRequiredService<RedisLock>(), provider.GetRequiredService<RedisSecondLevel>().Cache, provider.GetRequiredService<IDataProtectionProvider>(),
            options, LoggerOf<RedisClientCredentialsCache>(provider))));
        services.Replace(ServiceDescriptor.Singleton<IReplayStore>(provider => new RedisReplayStore(
            provider.GetRequiredService<RedisConnection>(), options, provider.GetService<TimeProvider>() ?? TimeProvider.System)));
        return services;
    }

    private static ILogger<T> LoggerOf<T>(IServiceProvider provider) => provider.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;

    private static void Validate(RedisRemoteAppOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new ArgumentException("RedisRemoteAppOptions.Configuration (the Redis configuration string) is required.", nameof(options));
        }
        try
        {
            // Parsed here so that a typo fails at startup, not at the first call (where it would be no typed failure).
            StackExchange.Redis.ConfigurationOptions.Parse(options.Configuration);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            // Neither the parser's message nor the string is quoted: either may hold the password.
            throw new ArgumentException($"RedisRemoteAppOptions.Configuration is not a StackExchange.Redis configuration string ({e.GetType().Name}).",
                nameof(options));
        }
        ArgumentException.ThrowIfNullOrEmpty(options.KeyPrefix, "KeyPrefix");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FirstLevelLifetime, TimeSpan.Zero, "FirstLevelLifetime");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FirstLevelMaxEntries, 1, "FirstLevelMaxEntries");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LockWait, TimeSpan.Zero, "LockWait");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LockExpiry, TimeSpan.Zero, "LockExpiry");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TokenLifetime, TimeSpan.Zero, "TokenLifetime");
    }
}
