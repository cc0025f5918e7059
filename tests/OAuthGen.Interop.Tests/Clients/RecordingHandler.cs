using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>Sends for real and records each exchange: what a client called and how the peer labelled its answer.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly List<Exchange> _exchanges = [];

    /// <summary>One request: its URL without query, and the response's media type.</summary>
    public sealed record Exchange(string Url, string? ResponseMediaType);

    public IReadOnlyList<Exchange> Exchanges
    {
        get { lock (_exchanges) return [.. _exchanges]; }
    }

    /// <summary>The URLs called, in order, without their queries.</summary>
    public List<string> Urls
    {
        get { lock (_exchanges) return _exchanges.ConvertAll(e => e.Url); }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        lock (_exchanges) _exchanges.Add(new(request.RequestUri!.GetLeftPart(UriPartial.Path), response.Content.Headers.ContentType?.MediaType));
        return response;
    }
}
