using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// A Data Protection key ring that cannot encrypt (keys missing, unreadable, revoked): nothing but typed failures leave
/// the library, and no token that was just issued is lost.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class KeyRingFailureTests(FarmFixture farm)
{
    [Fact]
    public async Task A_save_that_cannot_be_encrypted_fails_typed_and_the_token_keeps_serving_from_memory()
    {
        farm.Reset();
        await using var server = Farm.Server(farm, o => o.FirstLevelLifetime = TimeSpan.FromMilliseconds(100), BrokenKeyRing);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();
        var store = scope.ServiceProvider.GetRequiredService<ITokenStore>();
        var token = await Farm.SignInAsync(farm, app);

        var error = await Assert.ThrowsAsync<OAuthException>(() => store.SaveAsync(Farm.DefaultToken, token, default).AsTask());

        Assert.Equal(OAuthErrorType.SharedStoreEncryptionFailed, error.Type);
        Assert.IsType<CryptographicException>(error.InnerException);
        Assert.DoesNotContain("oauthgen:token:", farm.Redis.Dump()); // nothing unencrypted (or at all) reached Redis
        await Task.Delay(300); // past the first level's lifetime: still served, not lost
        Assert.Equal(token.AccessToken, (await store.GetAsync(Farm.DefaultToken, default))?.AccessToken);
        Assert.Equal("alice", (await app.MeAsync()).Username);
    }

    [Fact]
    public async Task A_refresh_whose_result_cannot_be_encrypted_still_returns_and_keeps_the_rotated_token()
    {
        farm.Reset();
        OAuthToken signedIn;
        await using (var healthy = Farm.Server(farm))
        {
            using var healthyScope = healthy.CreateScope();
            signedIn = await Farm.SignInAsync(farm, healthyScope.ServiceProvider.GetRequiredService<IFarmApp>());
            await PeerHooks.ExpireAsync(farm.Peer, signedIn);
            await healthyScope.ServiceProvider.GetRequiredService<ITokenStore>().SaveAsync(Farm.DefaultToken,
                signedIn with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, default);
        }
        var mark = await PeerReceived.MarkAsync(farm.Peer);
        await using var server = Farm.Server(farm, o => o.FirstLevelLifetime = TimeSpan.FromMilliseconds(100), BrokenKeyRing);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();

        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.MeAsync()));
        await Task.Delay(300);
        var later = await app.MeAsync(); // the rotated token, from memory: the old refresh token is never sent again

        Assert.All(users.Append(later), user => Assert.Equal("alice", user.Username));
        Assert.Equal(1, await Farm.GrantsAsync(mark, "refresh_token"));
        var kept = await scope.ServiceProvider.GetRequiredService<ITokenStore>().GetAsync(Farm.DefaultToken, default);
        Assert.NotEqual(signedIn.RefreshToken, kept?.RefreshToken);
    }

    [Fact]
    public async Task A_client_credentials_token_that_cannot_be_encrypted_is_used_unshared()
    {
        farm.Reset();
        await using var server = Farm.Server(farm, replace: BrokenKeyRing);
        using var scope = server.CreateScope();
        var app = scope.ServiceProvider.GetRequiredService<IFarmApp>();

        var token = await app.ClientCredentialsAsync();

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.DoesNotContain("oauthgen:cc:", farm.Redis.Dump());
    }

    [Fact]
    public void An_unparsable_configuration_string_is_refused_at_registration()
    {
        foreach (var configuration in new[] { "127.0.0.1:6379,connectTimeout=soon", "127.0.0.1:6379,noSuchSetting=1" })
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRemoteAppRedis(configuration));
            Assert.DoesNotContain("soon", error.Message);
            Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRemoteAppRedis(o => o.Configuration = configuration));
        }
    }

    /// <summary>The farm's key ring for reading, and a Protect that fails as an unusable key ring makes it fail.</summary>
    private void BrokenKeyRing(IServiceCollection services)
    {
        var keyRing = new ServiceCollection();
        keyRing.AddDataProtection().SetApplicationName("oauthgen-farm").PersistKeysToFileSystem(new DirectoryInfo(farm.KeyDirectory));
        var real = keyRing.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        services.AddSingleton<IDataProtectionProvider>(new ProtectFails(real));
    }

    private sealed class ProtectFails(IDataProtectionProvider inner) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new ProtectFails(inner.CreateProtector(purpose));

        public byte[] Protect(byte[] plaintext) => throw new CryptographicException("The key ring holds no key that can encrypt.");

        public byte[] Unprotect(byte[] protectedData) => ((IDataProtector)inner).Unprotect(protectedData);
    }
}
