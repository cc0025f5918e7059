using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OAuthGen.Testing.OAuth2;

/// <summary>Whether a requested redirect URI is registered.</summary>
internal static partial class RedirectUris
{
    /// <summary>
    /// Exact string comparison (RFC 6749 §3.1.2.3; no prefix or pattern matching, the cause of many open redirects),
    /// except that for a loopback IP literal the port may differ (RFC 8252 §7.3), since local apps get a free port.
    /// </summary>
    public static bool IsRegistered(IEnumerable<string> registered, string requested)
    {
        foreach (var candidate in registered)
        {
            if (string.Equals(candidate, requested, StringComparison.Ordinal)) return true;
            if (Loopback().Match(candidate) is { Success: true } expected && Loopback().Match(requested) is { Success: true } actual &&
                expected.Groups["scheme"].Value == actual.Groups["scheme"].Value &&
                expected.Groups["host"].Value == actual.Groups["host"].Value &&
                expected.Groups["rest"].Value == actual.Groups["rest"].Value)
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^(?<scheme>http)://(?<host>127\.0\.0\.1|\[::1\])(?::[0-9]{1,5})?(?<rest>/[^#]*)$")]
    private static partial Regex Loopback();
}
