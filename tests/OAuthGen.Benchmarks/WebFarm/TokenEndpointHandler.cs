using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.WebFarm;

/// <summary>
/// A token endpoint in front of an API handler: a POST to <c>.../access_token</c> gets a new token and a rotated refresh
/// token (as a provider with rotation answers a refresh); every other request goes to <paramref name="api"/>.
/// </summary>
public sealed class TokenEndpointHandler(HttpMessageHandler api) : DelegatingHandler(api)
{
    private long _issued;

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("/access_token", StringComparison.Ordinal) != true)
        {
            return base.SendAsync(request, cancellationToken);
        }
        var n = Interlocked.Increment(ref _issued);
        var json = $$"""{"access_token":"at-{{n}}","token_type":"bearer","expires_in":3600,"refresh_token":"rt-{{n}}"}""";
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });
    }
}
