using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>
/// Shared token requests (refresh, client credentials, discovery) run under their own timeout, not under any caller's
/// token: with <see cref="HttpClient.Timeout"/> infinite, a hung endpoint still releases every waiter, typed.
/// </summary>
public class SharedFlightTimeoutTests
{
    /// <summary>A regression must fail the test, not hang the suite.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string NewTokenJson = """{"access_token":"at-new","token_type":"bearer","expires_in":3600}""";

    private static (RemoteApp App, HangingTokenEndpoint Endpoint, RemoteAppOptions Options) Create(Action<RemoteAppOptions>? configure = null)
    {
        var endpoint = new HangingTokenEndpoint();
        var options = FakeProvider.Options(options =>
        {
            options.TokenRequestTimeout = Timeout;
            configure?.Invoke(options);
        });
        var http = new HttpClient(endpoint) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        return (new RemoteApp(http, options), endpoint, options);
    }

    private static OAuthToken ExpiringToken(RemoteAppOptions options) =>
        new("at-old") { RefreshToken = "rt-" + Guid.NewGuid().ToString("N"), ExpiresAt = options.TimeProvider.GetUtcNow().AddSeconds(10) };

    [Fact]
    public async Task A_hung_automatic_refresh_fails_every_waiter_with_refresh_failed_after_the_timeout_and_the_next_call_tries_again()
    {
        MemoryTokenStore? store = null;
        var (app, endpoint, options) = Create(o => o.TokenStore = store = new MemoryTokenStore(ExpiringToken(o)));

        var calls = Enumerable.Range(0, 3).Select(_ => app.GetAsync("me")).ToArray();
        await endpoint.Arrived.Task.WaitAsync(Limit);
        app.Clock().Advance(Timeout);

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<OAuthException>(() => call.WaitAsync(Limit));
            Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
            Assert.Contains("TokenRequestTimeout", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(1, endpoint.TokenRequests);
        Assert.Equal(1, endpoint.Cancelled);
        Assert.Empty(store!.Saved);

        // The failure is not remembered: the next call refreshes anew.
        endpoint.AnswerNext();
        var response = await app.GetAsync("me").WaitAsync(Limit);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("at-new", store.Current!.AccessToken);
    }

    [Fact]
    public async Task A_hung_explicit_refresh_is_refresh_failed_after_the_timeout()
    {
        var (app, endpoint, options) = Create();
        var refresh = app.RefreshAsync(ExpiringToken(options));
        await endpoint.Arrived.Task.WaitAsync(Limit);
        app.Clock().Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(refresh.IsCompleted);
        app.Clock().Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<OAuthException>(() => refresh.WaitAsync(Limit));
        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
    }

    [Fact]
    public async Task A_hung_client_credentials_request_is_token_endpoint_error_for_every_waiter()
    {
        var (app, endpoint, _) = Create();
        var calls = Enumerable.Range(0, 3).Select(_ => app.ClientCredentialsAsync()).ToArray();
        await endpoint.Arrived.Task.WaitAsync(Limit);
        app.Clock().Advance(Timeout);

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<OAuthException>(() => call.WaitAsync(Limit));
            Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
            Assert.Contains("TokenRequestTimeout", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(1, endpoint.TokenRequests);
    }

    [Fact]
    public async Task A_hung_discovery_document_is_discovery_failed_after_the_timeout()
    {
        var (app, endpoint, _) = Create(o =>
        {
            o.AccessTokenUrl = null;
            o.ServerMetadataUrl = $"https://auth.example.com/{Guid.NewGuid():N}/.well-known/oauth-authorization-server";
        });
        var call = app.ClientCredentialsAsync();
        await endpoint.Arrived.Task.WaitAsync(Limit);
        app.Clock().Advance(Timeout);

        var error = await Assert.ThrowsAsync<OAuthException>(() => call.WaitAsync(Limit));
        // Discovery runs inside the client-credentials flight, which shares its clock: whichever deadline is seen first
        // names the failure, and both are typed.
        Assert.Contains(error.Type, new[] { OAuthErrorType.DiscoveryFailed, OAuthErrorType.TokenEndpointError });
    }

    [Fact]
    public async Task A_caller_that_cancels_stops_only_its_own_wait_and_the_others_get_the_refreshed_token()
    {
        var (app, endpoint, options) = Create();
        var token = ExpiringToken(options);
        using var impatient = new CancellationTokenSource();
        var cancelled = app.RefreshAsync(token, impatient.Token);
        var patient = app.RefreshAsync(token);
        await endpoint.Arrived.Task.WaitAsync(Limit);

        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        Assert.False(patient.IsCompleted);
        Assert.Equal(0, endpoint.Cancelled);

        endpoint.Release();
        Assert.Equal("at-new", (await patient.WaitAsync(Limit)).AccessToken);
        Assert.Equal(1, endpoint.TokenRequests);
    }

    [Fact]
    public async Task A_caller_that_cancels_a_client_credentials_wait_does_not_cancel_the_request()
    {
        var (app, endpoint, _) = Create();
        using var impatient = new CancellationTokenSource();
        var cancelled = app.ClientCredentialsAsync(cancellationToken: impatient.Token);
        var patient = app.ClientCredentialsAsync();
        await endpoint.Arrived.Task.WaitAsync(Limit);

        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        endpoint.Release();

        Assert.Equal("at-new", (await patient.WaitAsync(Limit)).AccessToken);
        Assert.Equal(0, endpoint.Cancelled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_timeout_that_is_not_positive_or_infinite_is_invalid_configuration(int milliseconds)
    {
        var error = Assert.Throws<OAuthException>(() =>
            new RemoteApp(new HttpClient(), FakeProvider.Options(o => o.TokenRequestTimeout = TimeSpan.FromMilliseconds(milliseconds))));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("TokenRequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeout_defaults_to_100_seconds_and_may_be_infinite()
    {
        Assert.Equal(TimeSpan.FromSeconds(100), new RemoteAppOptions().TokenRequestTimeout);
        _ = new RemoteApp(new HttpClient(), FakeProvider.Options(o => o.TokenRequestTimeout = System.Threading.Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Token and discovery requests never answer until cancelled or released (<see cref="Release"/>,
    /// <see cref="AnswerNext"/>); the API answers 200 to "Bearer at-new".
    /// </summary>
    private sealed class HangingTokenEndpoint : HttpMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _tokenRequests;
        private int _cancelled;
        private volatile bool _answerAtOnce;

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int TokenRequests => Volatile.Read(ref _tokenRequests);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public void Release() => _release.TrySetResult();

        public void AnswerNext() => _answerAtOnce = true;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsoluteUri.StartsWith(FakeProvider.ApiUrl, StringComparison.Ordinal))
            {
                return request.Headers.Authorization?.ToString() == "Bearer at-new"
                    ? StubHandler.Respond("{}")
                    : StubHandler.Respond("{}", status: HttpStatusCode.Unauthorized);
            }
            Interlocked.Increment(ref _tokenRequests);
            if (!_answerAtOnce)
            {
                Arrived.TrySetResult();
                try
                {
                    await _release.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
            }
            return StubHandler.Respond(NewTokenJson);
        }
    }
}
