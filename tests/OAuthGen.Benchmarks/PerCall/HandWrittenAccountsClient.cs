using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// The OAuth 2.0 call as a careful engineer writes it by hand: HttpClient with a bearer header, the response read as
/// it arrives (<see cref="HttpCompletionOption.ResponseHeadersRead"/>: no buffering of the body first), and the JSON
/// deserialized from the stream through the source-generated <c>JsonTypeInfo</c>.
/// </summary>
public sealed class HandWrittenAccountsClient(HttpClient http, Func<CancellationToken, ValueTask<string>> getToken)
{
    /// <summary>GET users/{login}.</summary>
    public async Task<Account> GetAccountAsync(string login, CancellationToken cancellationToken = default)
    {
        var token = await getToken(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "users/" + Uri.EscapeDataString(login));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(body, BenchJson.Default.Account, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The server returned null.");
        }
    }
}
