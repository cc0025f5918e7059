using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// Refit's bearer authentication at its fastest: a DelegatingHandler that sets <c>Authorization: Bearer</c> from a token
/// source (Refit's documented shape for tokens; its <c>AuthorizationHeaderValueGetter</c> goes through a handler that
/// awaits the getter on every call). When the token is already at hand (a cached token), it sets the header and returns
/// the inner handler's task as it is: no async state machine and no second task per call.
/// </summary>
public sealed class BearerTokenHandler(Func<CancellationToken, ValueTask<string>> getToken) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = getToken(cancellationToken);
        if (!token.IsCompletedSuccessfully) return SendAfterTokenAsync(request, token, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Result);
        return base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAfterTokenAsync(HttpRequestMessage request, ValueTask<string> token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
