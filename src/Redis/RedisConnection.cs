using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace OAuthGen.Redis;

/// <summary>
/// The one Redis connection of the container, opened at first use. It survives Redis being down at startup and comes
/// back by itself when Redis does (StackExchange.Redis reconnects); meanwhile commands fail fast, so callers fall back
/// to memory or fail typed at once instead of waiting.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisConnection(RedisRemoteAppOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = new(async () =>
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            multiplexer.ConnectionRestored += (_, _) => Restored?.Invoke();
            return multiplexer;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Raised when the connection comes back after a failure (pending writes are flushed then).</summary>
    public event Action? Restored;

    /// <summary>The multiplexer (for <see cref="Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions.ConnectionMultiplexerFactory"/>).</summary>
    public async Task<IConnectionMultiplexer> MultiplexerAsync() => await _connection.Value.ConfigureAwait(false);

    /// <summary>The default database.</summary>
    public async Task<IDatabase> DatabaseAsync() => (await MultiplexerAsync().ConfigureAwait(false)).GetDatabase();

    /// <summary>For containers disposed synchronously (ServiceProvider.Dispose refuses services that are only async-disposable).</summary>
    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully) _connection.Value.Result.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated) await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
    }
}
