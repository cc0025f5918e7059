using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>
/// A network whose first request to each path <see cref="Applies"/> picks arrives late: the peer still processes it, but
/// only after the delay, long enough for a hedging handler to send a copy meanwhile. The delay is not cancelled with the
/// attempt: a request already on the wire reaches the server even when the client gives up on it.
/// </summary>
internal sealed class SlowFirstAnswer(Func<HttpRequestMessage, bool> applies, TimeSpan delay) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, bool> _slowed = new();
    private int _passed;

    /// <summary>How many requests <see cref="Applies"/> picked went through (first attempts and hedged copies).</summary>
    public int Passed => Volatile.Read(ref _passed);

    public Func<HttpRequestMessage, bool> Applies { get; } = applies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Applies(request)) return await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _passed);
        if (_slowed.TryAdd(request.RequestUri!.AbsolutePath, true))
        {
            await Task.Delay(delay, CancellationToken.None);
            return await base.SendAsync(request, CancellationToken.None);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
