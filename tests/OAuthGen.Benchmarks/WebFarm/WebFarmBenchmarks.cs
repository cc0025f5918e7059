using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Benchmarks.PerCall;

namespace OAuthGen.Benchmarks.WebFarm;

/// <summary>
/// Issue 16 (9): what <c>AddRemoteAppRedis</c> costs per call. The baseline is the OAuth 2.0 call written by hand with
/// its token in a dictionary; the generated client then reads its token from the Redis store's first level (goal:
/// ≤ 1.1× the baseline's time), from Redis itself (first level off: a GET and a decryption per call), and refreshes an
/// expired token farm-wide (lock, read, token request, save, release) before the call. The Redis server is Debian's
/// <c>redis-server</c>, started on a free loopback port for the run; the HTTP server is the in-memory
/// <see cref="FixedJsonHandler"/>, with a token endpoint in front of it.
/// </summary>
[MemoryDiagnoser]
public class WebFarmBenchmarks
{
    private const string User = "alice";
    private static readonly TokenRequest Key = new("accounts", null);

    private readonly ConcurrentDictionary<string, string> _handWrittenCache = new();
    private Process? _redis;
    private ServiceProvider _firstLevelServer = null!;
    private ServiceProvider _secondLevelServer = null!;
    private HandWrittenAccountsClient _handWritten = null!;
    private IAccountsApi _dictionaryGetter = null!;
    private IAccountsApi _firstLevel = null!;
    private IAccountsApi _secondLevel = null!;
    private IAccountsApi _refreshing = null!;
    private ITokenStore _refreshingStore = null!;
    private long _refreshes;

    /// <summary>The in-memory API and token endpoint every client uses.</summary>
    public TokenEndpointHandler Server { get; } = new(new FixedJsonHandler());

    /// <summary>Starts redis-server, stores the token and builds the clients once, as an application does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var port = StartRedis();
        var keys = Directory.CreateTempSubdirectory("oauthgen-bench-keys-").FullName;
        _firstLevelServer = FarmServer(port, keys, TimeSpan.FromMinutes(1));
        _secondLevelServer = FarmServer(port, keys, TimeSpan.Zero);
        var token = new OAuthToken(OAuth2CallBenchmarks.AccessToken) { RefreshToken = "r0", ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) };
        StoreOf(_firstLevelServer).SaveAsync(Key, token, default).AsTask().GetAwaiter().GetResult();

        _handWrittenCache[User] = OAuth2CallBenchmarks.AccessToken;
        _handWritten = new HandWrittenAccountsClient(new HttpClient(Server, disposeHandler: false) { BaseAddress = OAuth2CallBenchmarks.BaseAddress },
            _ => ValueTask.FromResult(_handWrittenCache[User]));
        var getterOptions = IAccountsApi.CreateOptions();
        getterOptions.ConsumerKey = "client-id";
        getterOptions.ConsumerSecret = "client-secret";
        var dictionaryToken = new ConcurrentDictionary<string, OAuthToken> { [User] = token };
        getterOptions.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(dictionaryToken[User]);
        _dictionaryGetter = IAccountsApi.Create(new HttpClient(Server, disposeHandler: false), getterOptions);
        _firstLevel = Client(_firstLevelServer, StoreOf(_firstLevelServer));
        _secondLevel = Client(_secondLevelServer, StoreOf(_secondLevelServer));
        _refreshingStore = StoreOf(_firstLevelServer);
        _refreshing = Client(_firstLevelServer, _refreshingStore);
        _firstLevel.GetAccountAsync(OAuth2CallBenchmarks.Login).GetAwaiter().GetResult(); // the first level holds it now
    }

    /// <summary>Stops redis-server by its pid.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _firstLevelServer?.Dispose();
        _secondLevelServer?.Dispose();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit();
        }
        _redis?.Dispose();
    }

    /// <summary>HttpClient by hand, the token from a dictionary.</summary>
    [Benchmark(Baseline = true)]
    public Task<Account> HandWritten_DictionaryToken() => _handWritten.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>The generated client, its token from a dictionary through a TokenGetter (the client's own cost, no store).</summary>
    [Benchmark]
    public Task<Account> OAuthGen_DictionaryToken() => _dictionaryGetter.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>The generated client, its token from the Redis store's first level (this process's memory).</summary>
    [Benchmark]
    public Task<Account> OAuthGen_RedisStore_FirstLevel() => _firstLevel.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>The generated client, its token read from Redis on every call (first level off): a GET and a decryption.</summary>
    [Benchmark]
    public Task<Account> OAuthGen_RedisStore_SecondLevel() => _secondLevel.GetAccountAsync(OAuth2CallBenchmarks.Login);

    /// <summary>
    /// An expired token saved, then a call: the farm-wide refresh (lock, read from Redis, token request, encrypted save,
    /// checked release) and the call with the new token.
    /// </summary>
    [Benchmark]
    public async Task<Account> OAuthGen_RedisStore_FarmWideRefresh()
    {
        var refreshToken = "r" + Interlocked.Increment(ref _refreshes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _refreshingStore.SaveAsync(Key, new OAuthToken("expired-" + refreshToken)
        {
            RefreshToken = refreshToken,
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, default);
        return await _refreshing.GetAccountAsync(OAuth2CallBenchmarks.Login);
    }

    private static ServiceProvider FarmServer(int port, string keys, TimeSpan firstLevel)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("oauthgen-bench").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddRemoteAppRedis(o =>
        {
            o.Configuration = $"127.0.0.1:{port}";
            o.FirstLevelLifetime = firstLevel;
        });
        return services.BuildServiceProvider();
    }

    private static ITokenStore StoreOf(ServiceProvider server) => server.CreateScope().ServiceProvider.GetRequiredService<ITokenStore>();

    /// <summary>What AddRemoteApp does with the container's services, without the HttpClientFactory (kept out of the comparison).</summary>
    private IAccountsApi Client(ServiceProvider server, ITokenStore store)
    {
        var options = IAccountsApi.CreateOptions();
        options.ConsumerKey = "client-id";
        options.ConsumerSecret = "client-secret";
        options.TokenStore = store;
        options.RefreshCoordinator = server.GetRequiredService<ITokenRefreshCoordinator>();
        options.ClientCredentialsCache = server.GetRequiredService<IClientCredentialsCache>();
        options.ReplayStore = server.GetRequiredService<IReplayStore>();
        return IAccountsApi.Create(new HttpClient(Server, disposeHandler: false), options);
    }

    private int StartRedis()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("/usr/bin/redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }
        _redis = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server).");
        _redis.OutputDataReceived += (_, _) => { };
        _redis.ErrorDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        _redis.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!Answers(port))
        {
            if (_redis.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20)) throw new InvalidOperationException($"redis-server did not answer on port {port}.");
            Thread.Sleep(50);
        }
        return port;
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            client.GetStream().Write("PING\r\n"u8);
            var buffer = new byte[16];
            return Encoding.ASCII.GetString(buffer, 0, client.GetStream().Read(buffer)).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
