using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth1;

/// <summary>
/// The OAuth 1.0a parameters of a request, collected from the Authorization header, the query and a form body
/// (RFC 5849 §3.4.1.3.1 and §3.5), plus what the signature base string needs.
/// </summary>
internal sealed class OAuth1Request
{
    private OAuth1Request(HttpContext context, List<KeyValuePair<string, string>> signed, Dictionary<string, string> protocol, string? problem,
        string transmission)
    {
        Context = context;
        Transmission = transmission;
        SignedParameters = signed;
        Protocol = protocol;
        Problem = problem;
    }

    public HttpContext Context { get; }

    /// <summary>Every parameter the signature covers (without <c>realm</c> and <c>oauth_signature</c>).</summary>
    public List<KeyValuePair<string, string>> SignedParameters { get; }

    /// <summary>The <c>oauth_*</c> parameters by name.</summary>
    public Dictionary<string, string> Protocol { get; }

    /// <summary>Why the parameters cannot be used at all (a repeated protocol parameter), or <see langword="null"/>.</summary>
    public string? Problem { get; }

    /// <summary>Where the protocol parameters travelled: <c>header</c>, <c>query</c> or <c>body</c> (RFC 5849 §3.5).</summary>
    public string Transmission { get; }

    public string? this[string name] => Protocol.GetValueOrDefault(name);

    /// <summary>Whether the request carries OAuth 1.0a credentials anywhere.</summary>
    public bool IsPresent => Protocol.ContainsKey("oauth_signature") || Protocol.ContainsKey("oauth_consumer_key");

    public static async Task<OAuth1Request> ReadAsync(HttpContext context)
    {
        // realm is only meaningful in the header, and is never signed there (§3.4.1.3.1); elsewhere it is a plain parameter.
        var header = ParseAuthorizationHeader(context.Request.Headers.Authorization.ToString());
        var everything = header.Where(pair => pair.Key != "realm").ToList();
        var query = ProviderHttp.Query(context);
        var form = await ProviderHttp.FormAsync(context);
        everything.AddRange(query);
        everything.AddRange(form);
        static bool IsProtocol(KeyValuePair<string, string> pair) => pair.Key.StartsWith("oauth_", StringComparison.Ordinal);
        var transmission = header.Any(IsProtocol) ? "header" : query.Any(IsProtocol) ? "query" : form.Any(IsProtocol) ? "body" : "none";

        var protocol = new Dictionary<string, string>(StringComparer.Ordinal);
        string? problem = null;
        foreach (var (name, value) in everything.Where(pair => pair.Key.StartsWith("oauth_", StringComparison.Ordinal)))
        {
            // RFC 5849 §3.2: a duplicated protocol parameter makes the request invalid.
            if (!protocol.TryAdd(name, value)) problem = $"{name} appears more than once";
        }
        var signed = everything.Where(pair => pair.Key != "oauth_signature").ToList();
        var request = new OAuth1Request(context, signed, protocol, problem, transmission);
        if (protocol.TryGetValue("oauth_body_hash", out var bodyHash))
        {
            request.BodyHashMatches = await BodyHashMatchesAsync(context, bodyHash);
        }
        return request;
    }

    /// <summary>
    /// Whether the body matches <c>oauth_body_hash</c> (OAuth Request Body Hash: base64 SHA-1 of the raw body, never sent
    /// with form bodies, which the signature covers already); <see langword="null"/> when the request has none.
    /// </summary>
    public bool? BodyHashMatches { get; private set; }

    private static async Task<bool> BodyHashMatchesAsync(HttpContext context, string bodyHash)
    {
        if (ProviderHttp.IsForm(context.Request)) return false;
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0; // the endpoint reads it again
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA1.HashData(buffer.ToArray())));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(bodyHash));
    }

    /// <summary>The signature base string of this request as it arrived.</summary>
    public string BaseString()
    {
        var request = Context.Request;
        return SignatureBaseString.Create(request.Method, request.Scheme, request.Host.Host, request.Host.Port, ProviderHttp.RawPath(Context), SignedParameters);
    }

    /// <summary>§3.5.1: <c>OAuth name="percent-encoded value", ...</c>; the scheme name is case-insensitive.</summary>
    internal static List<KeyValuePair<string, string>> ParseAuthorizationHeader(string header)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)) return pairs;
        // Values are percent-encoded, so a literal comma only ever separates parameters.
        foreach (var item in header[6..].Split(','))
        {
            var text = item.Trim();
            var equals = text.IndexOf('=');
            if (equals <= 0) continue;
            var value = text[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            pairs.Add(new(Uri.UnescapeDataString(text[..equals].Trim()), Uri.UnescapeDataString(value)));
        }
        return pairs;
    }
}
