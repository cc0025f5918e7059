using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// An OAuth 1.0a HMAC-SHA1 signer as people write it by hand (the shape of countless blog posts and Stack Overflow
/// answers): a SortedDictionary of parameters, Uri.EscapeDataString, a StringBuilder, a new HMACSHA1 per request.
/// It is correct for the requests benchmarked here (distinct parameter names, no '+' in the query), which is as far as
/// such code usually goes. The baseline the generated OAuth 1 client is compared with.
/// </summary>
public sealed class HandWrittenOAuth1Signer(string consumerKey, string consumerSecret, string token, string tokenSecret)
{
    /// <summary>Nonce source: a GUID, as usual; tests fix it to compare signatures.</summary>
    public Func<string> Nonce { get; init; } = () => Guid.NewGuid().ToString("N");

    /// <summary>Timestamp source: Unix seconds now; tests fix it.</summary>
    public Func<long> Timestamp { get; init; } = () => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The Authorization header value (<c>OAuth oauth_consumer_key="...", ...</c>) for a request.</summary>
    public string CreateHeader(string method, Uri uri, IEnumerable<KeyValuePair<string, string>>? formFields) =>
        "OAuth " + CreateHeaderParameter(method, uri, formFields);

    /// <summary>The Authorization header parameter (after <c>OAuth </c>) for a request.</summary>
    public string CreateHeaderParameter(string method, Uri uri, IEnumerable<KeyValuePair<string, string>>? formFields)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = consumerKey,
            ["oauth_nonce"] = Nonce(),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = Timestamp().ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = token,
            // oauth_version is optional (RFC 5849 §3.1) and OAuthGen leaves it out: so does this signer, so that
            // both sign exactly the same parameters.
        };

        var parameters = new SortedDictionary<string, string>(oauth, StringComparer.Ordinal);
        if (uri.Query.Length > 1)
        {
            foreach (var pair in uri.Query.Substring(1).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var nameValue = pair.Split('=', 2);
                parameters[Uri.UnescapeDataString(nameValue[0])] = nameValue.Length > 1 ? Uri.UnescapeDataString(nameValue[1]) : "";
            }
        }
        if (formFields is not null)
        {
            foreach (var field in formFields)
            {
                parameters[field.Key] = field.Value;
            }
        }

        var normalized = new StringBuilder();
        foreach (var parameter in parameters)
        {
            if (normalized.Length > 0) normalized.Append('&');
            normalized.Append(Uri.EscapeDataString(parameter.Key)).Append('=').Append(Uri.EscapeDataString(parameter.Value));
        }

        var baseString = method.ToUpperInvariant() + "&" + Uri.EscapeDataString(uri.GetLeftPart(UriPartial.Path)) + "&" +
            Uri.EscapeDataString(normalized.ToString());
        var key = Uri.EscapeDataString(consumerSecret) + "&" + Uri.EscapeDataString(tokenSecret);
        using (var hmac = new HMACSHA1(Encoding.ASCII.GetBytes(key)))
        {
            oauth["oauth_signature"] = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(baseString)));
        }

        var header = new StringBuilder();
        foreach (var parameter in oauth)
        {
            if (header.Length > 0) header.Append(", ");
            header.Append(Uri.EscapeDataString(parameter.Key)).Append("=\"").Append(Uri.EscapeDataString(parameter.Value)).Append('"');
        }
        return header.ToString();
    }
}
