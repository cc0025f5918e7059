using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen;
using OAuthGen.Redis.FarmWorker;

// Usage: dotnet OAuthGen.Redis.FarmWorker.dll <mode> <peer url> <redis configuration> <key directory> <calls>
//   mode refresh:  <calls> concurrent resource calls with the stored (expired) token, then the stored token's hash
//   mode refresh-on-cache: the same, with tokens on another IDistributedCache (RedisRemoteAppOptions.TokenCache)
//   mode client-credentials: <calls> concurrent client credentials requests, then the tokens' hashes
//   mode complete: completes the flow whose pending authorization (JSON) and callback URL are the next two stdin lines
//   mode outage: <calls> callers call the resource in a loop until a STOP line, counting outcomes by phase (a
//     "PHASE name" line starts the next phase; the first is "start"), then the stored token's hash. The first level lives
//     1 s, so the test's Redis outages outlast it.
// Prints READY once connected, waits for a GO line on stdin (so every server starts at once), then prints RESULT {json}.
if (args.Length != 5) return Usage();
var (mode, peer, redis, keys, calls) = (args[0], args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));

// The default LockWait (10 s): a server waits that long at most for the one refreshing.
await using var services = FarmContainer.Create(peer, redis, keys, o =>
{
    if (mode == "outage") o.FirstLevelLifetime = TimeSpan.FromSeconds(1);
    if (mode == "refresh-on-cache") o.TokenCache = _ => FarmContainer.OtherCache(redis);
});
using var scope = services.CreateScope();
var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();
var store = scope.ServiceProvider.GetRequiredService<ITokenStore>();
// Connects to Redis and loads the key ring before the start line, so the servers really start together.
await store.GetAsync(new TokenRequest("warm-up", null), default);
Console.WriteLine("READY");
string? pendingJson = null, callback = null;
if (mode == "complete")
{
    pendingJson = Console.ReadLine();
    callback = Console.ReadLine();
}
if (Console.ReadLine() != "GO") return 2;

var errors = new ConcurrentBag<string>();
var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var hashes = new ConcurrentBag<string>();
var succeeded = 0;
async Task RunAsync(Func<Task> call)
{
    try
    {
        await call();
        System.Threading.Interlocked.Increment(ref succeeded);
    }
    catch (OAuthException e)
    {
        errors.Add(e.Type + (e.Error is null ? "" : ":" + e.Error) + (e.InnerException is { } inner ? "<" + inner.GetType().Name + ": " + inner.Message : ""));
    }
    catch (Exception e)
    {
        errors.Add(e.GetType().Name);
    }
}

switch (mode)
{
    case "refresh":
    case "refresh-on-cache":
        await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(() => RunAsync(async () =>
        {
            var me = await app.MeAsync();
            if (me.Username != "alice") throw new InvalidOperationException("another user");
        }))));
        if (await store.GetAsync(new TokenRequest("farm-app", null), default) is { } stored) hashes.Add(Hash(stored.AccessToken));
        break;
    case "client-credentials":
        await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(() => RunAsync(async () =>
            hashes.Add(Hash((await app.ClientCredentialsAsync()).AccessToken))))));
        break;
    case "complete":
        await RunAsync(async () =>
        {
            var result = await app.AuthorizedResponseAsync(new Uri(callback!), PendingAuthorization.FromJson(pendingJson!));
            if (result.IsDenied) throw new InvalidOperationException("denied: " + result.Error);
            hashes.Add(Hash(result.Token!.AccessToken));
        });
        break;
    case "outage":
        await RunOutageAsync();
        if (await store.GetAsync(new TokenRequest("farm-app", null), default) is { } kept) hashes.Add(Hash(kept.AccessToken));
        break;
    default:
        return Usage();
}

var report = new FarmResult(succeeded, errors.Count, [.. errors.Distinct().Order()], [.. hashes.Distinct().Order()],
    outcomes.IsEmpty ? null : new SortedDictionary<string, int>(outcomes, StringComparer.Ordinal));
Console.WriteLine("RESULT " + JsonSerializer.Serialize(report, FarmJson.Default.FarmResult));
return 0;

async Task RunOutageAsync()
{
    var phase = "start";
    using var stop = new System.Threading.CancellationTokenSource();
    var commands = Task.Run(() =>
    {
        while (Console.ReadLine() is { } line)
        {
            if (line == "STOP") break;
            if (line.StartsWith("PHASE ", StringComparison.Ordinal)) Volatile.Write(ref phase, line["PHASE ".Length..]);
        }
        stop.Cancel();
    });
    await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            // A call is counted in the phase it started in.
            var current = Volatile.Read(ref phase);
            string outcome;
            try
            {
                outcome = (await app.MeAsync()).Username == "alice" ? "ok" : "another_user";
            }
            catch (OAuthException e)
            {
                outcome = e.Type;
            }
            catch (Exception e)
            {
                outcome = e.GetType().Name;
            }
            outcomes.AddOrUpdate(current + "/" + outcome, 1, (_, count) => count + 1);
            await Task.Delay(20);
        }
    })));
    await commands;
}

static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

static int Usage()
{
    Console.Error.WriteLine("usage: <refresh|refresh-on-cache|client-credentials|complete|outage> <peer url> <redis configuration> <key directory> <calls>");
    return 64;
}
