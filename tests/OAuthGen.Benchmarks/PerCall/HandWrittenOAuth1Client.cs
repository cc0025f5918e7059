using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// The OAuth 1.0a calls written by hand with <see cref="HandWrittenOAuth1Signer"/>, the HTTP side as carefully as
/// <see cref="HandWrittenAccountsClient"/> (the body read as it arrives, deserialized through the JsonTypeInfo).
/// </summary>
public sealed class HandWrittenOAuth1Client(HttpClient http, HandWrittenOAuth1Signer signer)
{
    /// <summary>GET account/verify_credentials.json?include_email=..&amp;skip_status=..</summary>
    public async Task<Account> VerifyCredentialsAsync(bool includeEmail, bool skipStatus, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(http.BaseAddress!, "account/verify_credentials.json?include_email=" + (includeEmail ? "true" : "false") +
            "&skip_status=" + (skipStatus ? "true" : "false"));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", signer.CreateHeaderParameter("GET", uri, null));
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST account/update_profile.json with form fields name and description.</summary>
    public async Task<Account> UpdateProfileAsync(string name, string description, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(http.BaseAddress!, "account/update_profile.json");
        var fields = new[] { KeyValuePair.Create("name", name), KeyValuePair.Create("description", description) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", signer.CreateHeaderParameter("POST", uri, fields));
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Account> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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
