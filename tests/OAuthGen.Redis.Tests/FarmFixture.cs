using System;
using System.IO;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// What a test web farm shares: the live Authlib peer (refresh-token rotation on), one redis-server, and a Data
/// Protection key ring in a temporary directory (as a farm shares its key ring).
/// </summary>
public sealed class FarmFixture : IAsyncLifetime
{
    public AuthlibPeer Peer { get; } = new();

    public RedisServer Redis { get; private set; } = null!;

    public string KeyDirectory { get; } = Directory.CreateTempSubdirectory("oauthgen-farm-keys-").FullName;

    public async Task InitializeAsync()
    {
        Redis = new RedisServer();
        await Peer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Peer.DisposeAsync();
        Redis?.Dispose();
        try
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    /// <summary>Starts a test from an empty, running Redis.</summary>
    public void Reset()
    {
        if (!Redis.IsRunning) Redis.Start();
        Assert.True(Redis.Answers("FLUSHALL", "+OK"));
    }
}

/// <summary>One collection: the tests stop and restart the shared Redis, so they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class FarmCollection : ICollectionFixture<FarmFixture>
{
    public const string Name = "Web farm";
}
