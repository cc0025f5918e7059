using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>
/// A network that loses answers: the first request to each path <see cref="Applies"/> picks reaches the peer, which
/// processes it, and the client sees a 503 instead of its answer. Added inside the resilience handler, as a flaky
/// load balancer or proxy would sit between it and the provider.
/// </summary>
internal sealed class LostAnswers(Func<HttpRequestMessage, bool> applies) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, bool> _lost = new();

    public Func<HttpRequestMessage, bool> Applies { get; } = applies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!Applies(request) || !_lost.TryAdd(request.RequestUri!.AbsolutePath, true)) return response;
        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("upstream answer lost") };
    }
}
