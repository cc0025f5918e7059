using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>The in-memory server at the end of the handler chain: records what arrives, answers JSON.</summary>
internal sealed class RecordingServer : HttpMessageHandler
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"login\":\"demo\"}", Encoding.UTF8, "application/json"),
        });
    }
}

/// <summary>A user handler added on the returned IHttpClientBuilder.</summary>
internal sealed class StampHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Stamp", "added-by-user-handler");
        return base.SendAsync(request, cancellationToken);
    }
}

internal sealed class InMemoryTokenStore : ITokenStore
{
    public Dictionary<TokenRequest, OAuthToken> Tokens { get; } = [];

    public List<TokenRequest> Lookups { get; } = [];

    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        Lookups.Add(request);
        return ValueTask.FromResult(Tokens.GetValueOrDefault(request));
    }

    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        Tokens[request] = token;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Captures every log entry at every level: category, formatted message and each structured value.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Entries.Enqueue((category, LogLevel.None, $"scope: {state}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var value in values) text.Append(" | ").Append(value.Key).Append('=').Append(value.Value);
            }
            if (exception is not null) text.Append(" | ").Append(exception);
            owner.Entries.Enqueue((category, logLevel, text.ToString()));
        }
    }
}

internal static class Config
{
    public static IConfiguration From(params (string Key, string Value)[] values)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in values) pairs.Add(new(key, value));
        return new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
    }
}
