using System;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

public class SigningKeyRotationTests
{
    [Fact]
    public async Task The_jwks_is_read_once_and_reused()
    {
        var server = new OidcServer();
        await server.SignInAsync(server.App());
        await server.SignInAsync(server.App());
        Assert.Equal(1, server.JwksReads);
    }

    [Fact]
    public async Task An_unknown_kid_reads_the_jwks_again_once_and_the_rotated_key_verifies()
    {
        var server = new OidcServer("ES256");
        await server.SignInAsync(server.App());
        var next = TestSigningKey.Create("ES256");
        server.Published = [server.Key, next];
        server.Key = next;
        // Past the refresh interval (1 minute by default), a new kid makes the client read the set again.
        server.Time.Advance(TimeSpan.FromMinutes(2));

        var result = await server.SignInAsync(server.App());
        Assert.Equal(OidcServer.Subject, result.IdToken!.Subject);
        Assert.Equal(2, server.JwksReads);
    }

    [Fact]
    public async Task Unknown_kids_read_the_jwks_at_most_once_per_refresh_interval()
    {
        var server = new OidcServer();
        await server.SignInAsync(server.App(o => o.OpenIdConnectPolicy.JwksRefreshMinInterval = TimeSpan.FromSeconds(30)));
        Assert.Equal(1, server.JwksReads);

        // A token with a kid the server never published, within the interval: no read, and the token is refused.
        var stranger = TestSigningKey.Create("RS256");
        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<OAuthException>(() =>
                server.SignInAsync(server.App(o => o.OpenIdConnectPolicy.JwksRefreshMinInterval = TimeSpan.FromSeconds(30)), key: stranger));
            Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
            Assert.True(error.Message.Contains("the signature check"), error.Message);
        }
        Assert.Equal(1, server.JwksReads);

        // After the interval one read is allowed again; the key is still unknown, so the token is still refused.
        server.Time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<OAuthException>(() =>
            server.SignInAsync(server.App(o => o.OpenIdConnectPolicy.JwksRefreshMinInterval = TimeSpan.FromSeconds(30)), key: stranger));
        Assert.Equal(2, server.JwksReads);
    }

    [Fact]
    public async Task The_jwks_is_read_again_after_its_cache_lifetime()
    {
        var server = new OidcServer();
        await server.SignInAsync(server.App());
        server.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await server.SignInAsync(server.App());
        Assert.Equal(2, server.JwksReads);
    }

    [Fact]
    public async Task An_unreadable_jwks_is_discovery_failed()
    {
        var server = new OidcServer();
        server.Provider.On(server.Issuer + "/jwks", _ => StubHandler.Respond("""{"keys":"nope"}"""));
        var error = await Assert.ThrowsAsync<OAuthException>(() => server.SignInAsync(server.App()));
        Assert.Equal(OAuthErrorType.DiscoveryFailed, error.Type);
        Assert.Contains("JWKS", error.Message);
    }
}
