using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>Sends for real and keeps each form body sent, so a test can send one again as an attacker would.</summary>
internal sealed class FormCapturingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly List<string> _forms = [];

    public IReadOnlyList<string> Forms
    {
        get { lock (_forms) return [.. _forms]; }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            lock (_forms) _forms.Add(body);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
