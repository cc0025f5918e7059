using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>The OAuth 2.0 call as people write it by hand: HttpClient, a bearer header, ReadFromJsonAsync.</summary>
public sealed class HandWrittenAccountsClient(HttpClient http, Func<CancellationToken, ValueTask<string>> getToken)
{
    /// <summary>GET users/{login}.</summary>
    public async Task<Account> GetAccountAsync(string login, CancellationToken cancellationToken = default)
    {
        var token = await getToken(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "users/" + Uri.EscapeDataString(login));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(BenchJson.Default.Account, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The server returned null.");
    }
}
