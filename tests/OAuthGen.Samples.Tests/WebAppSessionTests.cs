using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Samples.DemoProvider;
using OAuthGen.Samples.WebApp;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// The WebApp's OAuth 2.0 session over time: one clock for the site and the provider, so access tokens expire in the test,
/// and the site's client log, to see what it sent.
/// </summary>
public sealed class WebAppSessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly LogSink _log = new();
    private DemoSite _site = null!;
    private Uri _siteUrl = null!;

    public async Task InitializeAsync()
    {
        _site = await DemoSite.CreateAsync(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            new DemoProviderOptions { TimeProvider = _clock },
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
                builder.Logging.AddProvider(_log).AddFilter<LogSink>("OAuthGen.Samples.IDemoOAuth", LogLevel.Debug); // the clients' ILogger<T> categories (the request line is Debug)
            });
        await _site.App.StartAsync();
        _siteUrl = new Uri(_site.App.Urls.Single().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        await _site.App.StopAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Expired_access_tokens_are_refreshed_and_the_rotated_tokens_saved_in_the_users_sign_in()
    {
        using var browser = await SignedInWithOAuth2Async();

        // The provider's access tokens live two minutes and its refresh tokens rotate: reusing one revokes the grant.
        // Staying signed in across two expiries proves the first refresh's new tokens were written back to the cookie.
        for (var expiry = 0; expiry < 2; expiry++)
        {
            _clock.Advance(TimeSpan.FromMinutes(3));
            var page = await browser.GetAsync(new Uri(_siteUrl, "profile"));
            Assert.Contains("Signed in as <b>Demo User</b>", page.Html);
        }
        // The code exchange, then one refresh per expiry.
        Assert.Equal(3, _log.Lines.Count(line => line.Contains("/oauth2/token -> 200", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_revokes_the_grant_at_the_provider()
    {
        using var browser = await SignedInWithOAuth2Async();

        var signOut = await browser.PostFormAsync(new Uri(_siteUrl, "signout"), []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.Status);
        Assert.Contains(_log.Lines, line => line.Contains("POST", StringComparison.Ordinal) && line.Contains("/oauth2/revoke -> 200", StringComparison.Ordinal));
        Assert.Contains("href=\"/signin/oauth2\"", (await browser.GetAsync(_siteUrl)).Html);
    }

    private async Task<SiteBrowser> SignedInWithOAuth2Async()
    {
        var browser = new SiteBrowser();
        var authorize = (await browser.GetAsync(new Uri(_siteUrl, "signin/oauth2"))).RedirectTarget;
        var callback = (await browser.SubmitAsync(await browser.GetAsync(authorize), new("decision", "approve"))).RedirectTarget;
        Assert.Equal(new Uri(_siteUrl, "/profile"), (await browser.GetAsync(callback)).RedirectTarget);
        Assert.Contains("Signed in as <b>Demo User</b>", (await browser.GetAsync(new Uri(_siteUrl, "profile"))).Html);
        return browser;
    }

    /// <summary>Keeps the site's log lines (the clients log method, URL without query, status and duration).</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string[] Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
