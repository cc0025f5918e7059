using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>Helpers for tests that act as one more server of the farm (this test process).</summary>
internal static class Farm
{
    public const string Callback = "http://127.0.0.1:9/oauth2/callback";

    /// <summary>A server in this process: its own container (own first level, own Redis connection).</summary>
    public static ServiceProvider Server(FarmFixture farm, Action<RedisRemoteAppOptions>? configure = null, Action<IServiceCollection>? replace = null) =>
        FarmContainer.Create(farm.Peer.BaseUrl, farm.Redis.Configuration, farm.KeyDirectory, configure, replace);

    /// <summary><paramref name="user"/> (a user of the peer) signs in through <paramref name="app"/> at the peer.</summary>
    public static async Task<OAuthToken> SignInAsync(FarmFixture farm, IFarmApp app, string user = "alice")
    {
        var (callback, pending) = await ConsentAsync(farm, app, user);
        var result = await app.AuthorizedResponseAsync(callback, pending);
        Assert.False(result.IsDenied, result.Error);
        return result.Token!;
    }

    /// <summary>Starts a flow and lets <paramref name="user"/> approve it; the callback is not completed.</summary>
    public static async Task<(Uri Callback, PendingAuthorization Pending)> ConsentAsync(FarmFixture farm, IFarmApp app, string user = "alice")
    {
        var redirect = await app.AuthorizeAsync(Callback);
        return (await farm.Peer.ConsentAsync(redirect.Url.AbsoluteUri, approve: true, user), redirect.Pending);
    }

    /// <summary>The same short hash the workers report.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    /// <summary>How many token requests of <paramref name="grantType"/> reached the peer since <paramref name="mark"/>.</summary>
    public static async Task<int> GrantsAsync(PeerReceived mark, string grantType) =>
        (await mark.SinceMarkAsync()).Count(r => r.Path.EndsWith("/oauth2/token", StringComparison.Ordinal) && r.GrantType == grantType);

    /// <summary>The app's default token key.</summary>
    public static TokenRequest DefaultToken { get; } = new("farm-app", null);
}
