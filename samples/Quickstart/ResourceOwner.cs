using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// Plays the user's browser at the provider's consent page: opens the authorization URL with a decision and returns where
/// the provider redirects back to (the callback the app would receive).
/// </summary>
internal sealed class ResourceOwner : IDisposable
{
    private readonly HttpClient _browser = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public Task<Uri> ApproveAsync(Uri authorizationUrl, CancellationToken cancellationToken) =>
        FollowToCallbackAsync(DemoProviderHost.Approve(authorizationUrl), cancellationToken);

    public Task<Uri> DenyAsync(Uri authorizationUrl, CancellationToken cancellationToken) =>
        FollowToCallbackAsync(DemoProviderHost.Deny(authorizationUrl), cancellationToken);

    public void Dispose() => _browser.Dispose();

    private async Task<Uri> FollowToCallbackAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _browser.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location is not { } location)
        {
            throw new QuickstartFailure(
                $"The provider's authorization page answered {(int)response.StatusCode} instead of redirecting back to the app.");
        }
        return location.IsAbsoluteUri ? location : new Uri(url, location);
    }
}
