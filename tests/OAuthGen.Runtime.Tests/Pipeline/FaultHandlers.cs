using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.Pipeline;

/// <summary>
/// A network that loses the first answer to requests <see cref="Applies"/> picks: the request reaches the server (it is
/// processed) and the client sees a 503, or an exception when <see cref="Throw"/> is set.
/// </summary>
internal sealed class LoseFirstAnswer : DelegatingHandler
{
    private int _lost;

    public Func<HttpRequestMessage, bool> Applies { get; init; } = _ => true;

    public Func<Exception>? Throw { get; init; }

    public int Lost => Volatile.Read(ref _lost);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!Applies(request) || Interlocked.CompareExchange(ref _lost, 1, 0) != 0) return response;
        response.Dispose();
        if (Throw is { } exception) throw exception();
        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("lost") };
    }
}

/// <summary>A retry handler as resilience libraries have one: sends the same message again after a 5xx or a lost connection.</summary>
internal sealed class RetryHandler(int attempts = 3) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt == attempts) return response;
                response.Dispose();
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
            }
        }
    }
}

/// <summary>Throws what a user's pipeline may throw (Polly's timeout or circuit breaker, a socket error).</summary>
internal sealed class ThrowingHandler(Func<Exception> exception) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw exception();
}

/// <summary>Stands for Polly's TimeoutRejectedException, which a resilience pipeline throws when an attempt takes too long.</summary>
internal sealed class TimeoutRejectedException(string message) : Exception(message);

internal static class Chain
{
    /// <summary>A client whose handlers run outermost first, ending at <paramref name="server"/>.</summary>
    public static HttpClient Of(HttpMessageHandler server, params DelegatingHandler[] handlers)
    {
        var inner = server;
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }
        return new HttpClient(inner, disposeHandler: false);
    }
}
