using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// How Refit users add OAuth 2.0: a DelegatingHandler that asks a token source per request and sets
/// <c>Authorization: Bearer</c> (Refit's README "Bearer Authentication" shape).
/// </summary>
public sealed class BearerTokenHandler(Func<CancellationToken, ValueTask<string>> getToken) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await getToken(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
