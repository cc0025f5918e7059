using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// The tests' own minimal OAuth client, written straight from the RFCs and independent of both the runtime and the
/// provider: Uri.EscapeDataString for RFC 3986 encoding, HMACSHA1 for RFC 5849 §3.4.2, SHA256 for RFC 7636.
/// </summary>
internal static class RfcClient
{
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <summary>Signs a request (header transmission, RFC 5849 §3.5.1) and returns it unsent.</summary>
    public static HttpRequestMessage Signed(HttpMethod method, Uri url, Dictionary<string, string> protocol, string consumerSecret, string? tokenSecret,
        IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var formPairs = form?.ToList() ?? [];
        var signature = Signature(method.Method, url, protocol, formPairs, consumerSecret, tokenSecret);
        var header = string.Join(", ", protocol.Append(new("oauth_signature", signature))
            .Select(pair => $"{Uri.EscapeDataString(pair.Key)}=\"{Uri.EscapeDataString(pair.Value)}\""));
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", "realm=\"Demo\", " + header);
        if (formPairs.Count > 0) request.Content = new FormUrlEncodedContent(formPairs);
        return request;
    }

    public static string Signature(string method, Uri url, IEnumerable<KeyValuePair<string, string>> protocol,
        IEnumerable<KeyValuePair<string, string>> form, string consumerSecret, string? tokenSecret)
    {
        var parameters = ParseForm(url.Query.TrimStart('?')).Concat(form).Concat(protocol)
            .Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value))
            .Order(StringComparer.Ordinal);
        var baseUri = $"{url.Scheme}://{url.Host}{(url.IsDefaultPort ? "" : ":" + url.Port)}{url.AbsolutePath}";
        var baseString = $"{method}&{Uri.EscapeDataString(baseUri)}&{Uri.EscapeDataString(string.Join("&", parameters))}";
        var key = $"{Uri.EscapeDataString(consumerSecret)}&{Uri.EscapeDataString(tokenSecret ?? "")}";
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(baseString)));
    }

    public static Dictionary<string, string> Protocol(DateTimeOffset now, string consumerKey, string? token = null)
    {
        var protocol = new Dictionary<string, string>
        {
            ["oauth_consumer_key"] = consumerKey,
            ["oauth_nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["oauth_version"] = "1.0",
        };
        if (token is not null) protocol["oauth_token"] = token;
        return protocol;
    }

    public static List<KeyValuePair<string, string>> ParseForm(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : ""))
            .ToList();

    public static Dictionary<string, string> Form(string text) => ParseForm(text).ToDictionary();

    public static async Task<Dictionary<string, string>> FormAsync(HttpResponseMessage response) => Form(await response.Content.ReadAsStringAsync());

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>RFC 7636 §4.1-4.2: a 43-character verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The query of a redirect's Location.</summary>
    public static Dictionary<string, string> LocationQuery(HttpResponseMessage response) => Form(response.Headers.Location!.Query.TrimStart('?'));

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
