using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Testing.OAuth1;

/// <summary>RFC 5849 §3.4.1: the text an OAuth 1.0a signature covers, rebuilt from what the provider received.</summary>
internal static class SignatureBaseString
{
    /// <summary>
    /// <c>METHOD&amp;enc(base URI)&amp;enc(normalized parameters)</c>.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="scheme">The scheme the request arrived on.</param>
    /// <param name="host">The Host header's host.</param>
    /// <param name="port">The Host header's port, if any.</param>
    /// <param name="path">The request path, as sent (still percent-encoded).</param>
    /// <param name="parameters">Query, form-body and protocol parameters, decoded, without <c>realm</c> and <c>oauth_signature</c>.</param>
    public static string Create(string method, string scheme, string host, int? port, string path,
        IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', PercentEncoding.Encode(method.ToUpperInvariant()),
            PercentEncoding.Encode(BaseUri(scheme, host, port, path)),
            PercentEncoding.Encode(NormalizeParameters(parameters)));

    /// <summary>§3.4.1.2: lower-case scheme and host, no default port, no query.</summary>
    public static string BaseUri(string scheme, string host, int? port, string path)
    {
        scheme = scheme.ToLowerInvariant();
        var defaultPort = scheme == "https" ? 443 : 80;
        var authority = port is { } p && p != defaultPort ? $"{host.ToLowerInvariant()}:{p}" : host.ToLowerInvariant();
        return $"{scheme}://{authority}{(path.Length == 0 ? "/" : path)}";
    }

    /// <summary>§3.4.1.3.2: encode each name and value, sort by name then value (byte order), join with <c>=</c> and <c>&amp;</c>.</summary>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(pair => (Name: PercentEncoding.Encode(pair.Key), Value: PercentEncoding.Encode(pair.Value)))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));
}
