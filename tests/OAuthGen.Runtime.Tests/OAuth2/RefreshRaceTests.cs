using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>One refresh per refresh token, however it was asked for (IRemoteApp's promise; RFC 6749 §6 with rotation).</summary>
public class RefreshRaceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static OAuthToken Expired(RemoteAppOptions options) =>
        new("at-old") { RefreshToken = "rt-old", ExpiresAt = options.TimeProvider.GetUtcNow().AddMinutes(-1) };

    private static (FakeProvider Provider, TaskCompletionSource Release) RotatingProvider()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var used = 0;
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, async _ =>
            {
                await release.Task;
                // Rotation: the old refresh token works once.
                return Interlocked.Increment(ref used) == 1
                    ? StubHandler.Respond("""{"access_token":"at-new","refresh_token":"rt-new","expires_in":3600}""")
                    : StubHandler.Respond("""{"error":"invalid_grant"}""", status: HttpStatusCode.BadRequest);
            })
            .OnApi("me", "at-new");
        return (provider, release);
    }

    private static async Task WaitForTokenRequest(FakeProvider provider)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (provider.To(FakeProvider.TokenUrl).Count == 0) await Task.Delay(5, limit.Token);
    }

    [Fact]
    public async Task An_explicit_refresh_racing_the_automatic_one_shares_it_and_the_store_gets_the_rotated_token()
    {
        var (provider, release) = RotatingProvider();
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(Expired(options));
        options.TokenStore = store;
        var app = new RemoteApp(provider.Client(), options);

        var explicitRefresh = app.RefreshAsync(Expired(options));
        await WaitForTokenRequest(provider);
        var call = app.GetAsync("me");
        await Task.Delay(50);
        release.SetResult();

        Assert.Equal("rt-new", (await explicitRefresh.WaitAsync(Limit)).RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await call.WaitAsync(Limit)).Status);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Equal("rt-new", Assert.Single(store.Saved).RefreshToken);
    }

    [Fact]
    public async Task The_automatic_refresh_first_and_the_explicit_one_joining_saves_once()
    {
        var (provider, release) = RotatingProvider();
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(Expired(options));
        options.TokenStore = store;
        var app = new RemoteApp(provider.Client(), options);

        var call = app.GetAsync("me");
        await WaitForTokenRequest(provider);
        var explicitRefresh = app.RefreshAsync(Expired(options));
        await Task.Delay(50);
        release.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await call.WaitAsync(Limit)).Status);
        Assert.Equal("at-new", (await explicitRefresh.WaitAsync(Limit)).AccessToken);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Single(store.Saved);
    }

    [Fact]
    public async Task A_named_token_and_an_explicit_refresh_of_the_same_refresh_token_share_one_flight()
    {
        var (provider, release) = RotatingProvider();
        var options = FakeProvider.Options();
        var store = new MemoryTokenStore(Expired(options));
        options.TokenStore = store;
        var app = new RemoteApp(provider.Client(), options);

        var explicitRefresh = app.RefreshAsync(Expired(options));
        await WaitForTokenRequest(provider);
        var call = app.GetAsync("me", tokenName: "work");
        await Task.Delay(50);
        release.SetResult();

        await explicitRefresh.WaitAsync(Limit);
        Assert.Equal(HttpStatusCode.OK, (await call.WaitAsync(Limit)).Status);
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Single(store.Saved);
    }
}
