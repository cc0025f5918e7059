using System.Net;
using OAuthGen.Testing;

namespace PhotoSite;

/// <summary>
/// The user's browser, as the site's tests play it: keeps the site's session cookie, follows /login to the provider and
/// takes the consent step there with <see cref="TestProvider.ApproveAsync"/> or <see cref="TestProvider.DenyAsync"/>.
/// Shared by the xunit, NUnit and MSTest versions of the tests; it asserts nothing itself.
/// </summary>
public sealed class Browser(HttpClient site, TestProvider provider)
{
    private string? _cookie;

    /// <summary>Signs in through the site's /login as <paramref name="user"/>; returns the site's callback answer.</summary>
    /// <exception cref="InvalidOperationException">/login did not redirect to the provider.</exception>
    public async Task<HttpResponseMessage> SignInAsync(bool approve = true, TestUser? user = null)
    {
        using var login = await GetAsync("/login");
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location is not { } authorizeUrl)
        {
            throw new InvalidOperationException($"/login answered {(int)login.StatusCode} instead of redirecting to the provider.");
        }
        var providerCallback = approve ? await provider.ApproveAsync(authorizeUrl, user) : await provider.DenyAsync(authorizeUrl, user);
        return await GetAsync(providerCallback.PathAndQuery);
    }

    /// <summary>A GET on the site with the session cookie, keeping the cookie the site sets.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_cookie is not null) request.Headers.Add("Cookie", _cookie);
        var response = await site.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies)) _cookie = cookies.First().Split(';')[0];
        return response;
    }
}
