using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// A small site on Kestrel (127.0.0.1, free port) that signs in with <c>AddRemoteApp&lt;T&gt;()</c> against the demo
/// provider in the same process, both on one fake clock. <c>/login/{scheme}</c> challenges, <c>/me</c> requires a user
/// and calls the API as them, <c>/logout</c> signs out.
/// </summary>
internal sealed class SignInSite : IAsyncDisposable
{
    private SignInSite(WebApplication app, DemoProviderHost provider, FakeTimeProvider clock, LogSink log)
    {
        App = app;
        Provider = provider;
        Clock = clock;
        Log = log;
        Url = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    public WebApplication App { get; }
    public DemoProviderHost Provider { get; }
    public FakeTimeProvider Clock { get; }
    public LogSink Log { get; }
    public Uri Url { get; }

    public static async Task<SignInSite> StartAsync(Action<WebApplicationBuilder, AuthenticationBuilder>? configure = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var providerOptions = new DemoProviderOptions { TimeProvider = clock };
        providerOptions.RedirectUris.Add("http://127.0.0.1/signin-test-oauth2");
        var provider = await DemoProviderHost.StartAsync(providerOptions);
        var log = new LogSink();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SignInSite).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Information)
            .AddFilter("OAuthGen", LogLevel.Debug); // the clients' request lines (Debug), read by the revocation tests
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TestOAuth1:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
            ["TestOAuth1:RequestTokenUrl"] = provider.OAuth1RequestTokenUrl.AbsoluteUri,
            ["TestOAuth1:AuthorizeUrl"] = provider.OAuth1AuthorizeUrl.AbsoluteUri,
            ["TestOAuth1:AccessTokenUrl"] = provider.OAuth1AccessTokenUrl.AbsoluteUri,
            ["TestOAuth1:ConsumerKey"] = DemoCredentials.OAuth1ConsumerKey,
            ["TestOAuth1:ConsumerSecret"] = DemoCredentials.OAuth1ConsumerSecret,
            ["TestOAuth2:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
            ["TestOAuth2:AuthorizeUrl"] = provider.OAuth2AuthorizeUrl.AbsoluteUri,
            ["TestOAuth2:AccessTokenUrl"] = provider.OAuth2TokenUrl.AbsoluteUri,
            ["TestOAuth2:RevocationUrl"] = provider.OAuth2RevocationUrl.AbsoluteUri,
            ["TestOAuth2:ConsumerKey"] = DemoCredentials.OAuth2ClientId,
            ["TestOAuth2:ConsumerSecret"] = DemoCredentials.OAuth2ClientSecret,
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        if (configure is null)
        {
            authentication
                .AddRemoteApp<ITestOAuth1>()
                .AddRemoteApp<ITestOAuth2>(configure: options => options.MapUser((ITestOAuth2 api, System.Threading.CancellationToken ct) => api.GetMeAsync(ct),
                    (user, claims) => { claims.Id = user.Id; claims.Name = user.Login; claims.Email = user.Email; claims.Add("display_name", user.Name); }));
        }
        else
        {
            configure(builder, authentication);
        }
        builder.Services.AddAuthorization();

        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "home");
        app.MapGet("/login/{scheme}", (string scheme, string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl ?? "/me" }, [scheme]));
        app.MapGet("/me", async (HttpContext context, IServiceProvider services) =>
        {
            var claims = context.User.Claims.ToDictionary(claim => claim.Type, claim => claim.Value);
            try
            {
                var app = context.User.Identity!.AuthenticationType;
                var me = app == "test-oauth1"
                    ? await services.GetRequiredService<ITestOAuth1>().GetMeAsync(context.RequestAborted)
                    : await services.GetRequiredService<ITestOAuth2>().GetMeAsync(context.RequestAborted);
                return Results.Json(new { claims, api = me, access_token = await context.GetTokenAsync("access_token") });
            }
            catch (OAuthException failure)
            {
                return Results.Json(new { claims, error = failure.Type }, statusCode: 401);
            }
        }).RequireAuthorization();
        app.MapPost("/logout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme]));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await provider.DisposeAsync();
            throw;
        }
        return new SignInSite(app, provider, clock, log);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>Keeps log lines: the clients log each request's method, URL without query and status.</summary>
    internal sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string[] Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]"));
        }
    }
}
