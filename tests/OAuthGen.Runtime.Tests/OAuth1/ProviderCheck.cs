using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>
/// What an OAuth 1.0a provider does with a request it receives, written independently of the runtime (LINQ, .NET's
/// Uri.EscapeDataString, HMACSHA1): collect the parameters from the wire (header, query, form body), rebuild the base
/// string and check the HMAC-SHA1 signature.
/// </summary>
internal static class ProviderCheck
{
    public static Dictionary<string, string> ParseHeader(string authorization)
    {
        Assert.StartsWith("OAuth ", authorization);
        var fields = new Dictionary<string, string>();
        foreach (var part in authorization["OAuth ".Length..].Split(", "))
        {
            var equals = part.IndexOf('=');
            var value = part[(equals + 1)..].Trim('"');
            fields[part[..equals]] = part[..equals] == "realm" ? value : Uri.UnescapeDataString(value);
        }
        return fields;
    }

    /// <summary>The protocol parameters wherever they travelled (header, query or body).</summary>
    public static Dictionary<string, string> ProtocolParameters(RecordedRequest request) =>
        CollectParameters(request).Where(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>Every parameter the provider signs, oauth_signature included (callers drop it).</summary>
    public static List<KeyValuePair<string, string>> CollectParameters(RecordedRequest request)
    {
        var all = new List<KeyValuePair<string, string>>();
        if (request.Authorization is { } header)
        {
            all.AddRange(ParseHeader(header).Where(p => p.Key != "realm"));
        }
        all.AddRange(FormData.Parse(request.Uri.Query));
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            all.AddRange(FormData.Parse(request.BodyText));
        }
        return all;
    }

    public static string BaseString(RecordedRequest request)
    {
        static string Encode(string s) => Uri.EscapeDataString(s);
        var parameters = CollectParameters(request).Where(p => p.Key != "oauth_signature")
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        var uri = request.Uri;
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        var baseUri = $"{uri.Scheme}://{uri.Host}{port}{uri.AbsolutePath}";
        return $"{request.Method.Method.ToUpperInvariant()}&{Encode(baseUri)}&{Encode(string.Join("&", parameters))}";
    }

    /// <summary>Whether the request carries a valid HMAC-SHA1 signature for these secrets.</summary>
    public static bool HasValidHmacSha1Signature(RecordedRequest request, string consumerSecret, string? tokenSecret)
    {
        var protocol = ProtocolParameters(request);
        if (protocol.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1") return false;
        var key = Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret ?? "");
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(BaseString(request))));
        return protocol.GetValueOrDefault("oauth_signature") == expected;
    }
}
