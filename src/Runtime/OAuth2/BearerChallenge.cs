using System;
using System.Net.Http;

namespace OAuthGen;

/// <summary>
/// Reads the <c>WWW-Authenticate</c> challenge of a 401 from an OAuth 2.0 resource server (RFC 6750 §3): whether it says
/// the token itself is no good (<c>error="invalid_token"</c>), the one case a refresh can fix.
/// </summary>
internal static class BearerChallenge
{
    /// <summary>Whether a challenge of <paramref name="response"/> carries <c>error="invalid_token"</c> (quoted or not).</summary>
    /// <remarks>The scheme is not checked: Weibo challenges with <c>OAuth2</c>, and other servers with their token word.</remarks>
    public static bool IsInvalidToken(HttpResponseMessage response) => HasError(response, "invalid_token", scheme: null);

    /// <summary>Whether a challenge of <paramref name="response"/> (of <paramref name="scheme"/>, or any) carries <c>error="<paramref name="error"/>"</c>.</summary>
    public static bool HasError(HttpResponseMessage response, string error, string? scheme)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (scheme is not null && !string.Equals(challenge.Scheme, scheme, StringComparison.OrdinalIgnoreCase)) continue;
            if (challenge.Parameter is { } parameters && HasError(parameters, error)) return true;
        }
        return false;
    }

    private static bool HasError(ReadOnlySpan<char> parameters, string error)
    {
        // auth-params are name=value pairs separated by commas (RFC 9110 §11.2); values may be quoted strings.
        while (!parameters.IsEmpty)
        {
            var equals = parameters.IndexOf('=');
            if (equals < 0) return false;
            var name = parameters[..equals].Trim().TrimStart(',').Trim();
            var rest = parameters[(equals + 1)..].TrimStart();
            ReadOnlySpan<char> value;
            if (rest.StartsWith('"'))
            {
                var close = ClosingQuote(rest);
                if (close < 0) return false;
                value = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else
            {
                var comma = rest.IndexOf(',');
                value = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[comma..];
            }
            if (name.Equals("error", StringComparison.OrdinalIgnoreCase) && value.SequenceEqual(error)) return true;
            var next = rest.IndexOf(',');
            parameters = next < 0 ? [] : rest[(next + 1)..];
        }
        return false;
    }

    /// <summary>The index of the quote that ends the quoted string at the start of <paramref name="text"/>, skipping
    /// backslash escapes (an <c>error_description</c> may quote); -1 when it never ends.</summary>
    private static int ClosingQuote(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }
        return -1;
    }
}
