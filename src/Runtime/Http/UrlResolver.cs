using System;

namespace OAuthGen;

/// <summary>
/// Joins relative URLs to a base URL by appending paths, unlike RFC 3986 resolution (Python's <c>urljoin</c>),
/// which silently drops the base's last segment when it lacks a trailing '/' and its whole path when the relative
/// path starts with '/'. Queries of both are kept.
/// </summary>
internal static class UrlResolver
{
    /// <remarks>The empty string is the base URL itself: a declared endpoint <c>[Get("")]</c> is generated as
    /// <c>ResolveUrl("")</c>. Callers' URLs reach here through <c>RequestAsync</c>, which refuses it.</remarks>
    /// <exception cref="ArgumentException"><paramref name="url"/> is neither an absolute http(s) URL nor a relative path
    /// (<see cref="RequestUrlProblem"/>), or is relative and there is no base URL.</exception>
    public static Uri Resolve(string? baseUrl, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > 0 && RequestUrlProblem(url) is { } problem)
        {
            // The URL itself is not quoted: a caller may have put a token in its query.
            throw new ArgumentException($"The URL {problem}. Request URLs are absolute http or https URLs, or relative paths " +
                "(without a scheme) appended to BaseUrl.", nameof(url));
        }
        if (IsAbsoluteHttpUrl(url)) return new Uri(url, UriKind.Absolute);
        if (string.IsNullOrEmpty(baseUrl))
        {
            throw new ArgumentException($"'{url}' is relative and the app has no BaseUrl.", nameof(url));
        }

        SplitQuery(baseUrl, out var basePath, out var baseQuery);
        SplitQuery(url, out var relativePath, out var relativeQuery);
        // Spans: one string for the joined path instead of one per trim and per concatenation (every generated call).
        var path = relativePath.Length == 0
            ? basePath
            : string.Concat(basePath.AsSpan().TrimEnd('/'), "/", relativePath.AsSpan().TrimStart('/'));
        var query = (baseQuery, relativeQuery) switch
        {
            ("", "") => "",
            ("", var q) => "?" + q,
            (var q, "") => "?" + q,
            var (b, r) => "?" + b + "&" + r,
        };
        return new Uri(path + query, UriKind.Absolute);
    }

    public static bool IsAbsoluteHttpUrl(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether sending credentials to <paramref name="uri"/> is allowed: https, or http to a loopback host, or opted in.</summary>
    public static bool IsSecureOrAllowed(Uri uri, bool allowInsecureHttp) =>
        uri.Scheme == Uri.UriSchemeHttps || allowInsecureHttp || uri.IsLoopback;

    /// <summary>
    /// What is wrong with <paramref name="url"/> as a request URL, or <see langword="null"/> when it is an absolute http(s)
    /// URL or a relative path. Anything else (empty, white space, control characters, another scheme such as
    /// <c>javascript:</c> or <c>file:</c>) would otherwise be appended to BaseUrl and sent with the app's credentials.
    /// </summary>
    public static string? RequestUrlProblem(string url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is empty or white space";
        if (HasControlCharacter(url)) return "holds a control character";
        if (IsAbsoluteHttpUrl(url))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? null : "is not a valid http or https URL";
        }
        return SchemeLike(url) is { } scheme ? $"has the scheme '{scheme}'" : null;
    }

    /// <summary>
    /// What is wrong with <paramref name="callback"/> as an OAuth callback (<c>redirect_uri</c>, <c>oauth_callback</c>), or
    /// <see langword="null"/>. A callback is an absolute http(s) URL, or a native app's private-use scheme, which RFC 8252
    /// §7.1 requires to be a reverse domain name and so to hold a period (<c>com.example.app:/cb</c>). <c>javascript:</c>,
    /// <c>data:</c>, <c>file:</c> and other schemes without a period are refused: a provider would redirect the user's
    /// browser, and the code, into them. Paths are refused too (a provider needs an absolute URL); on Unix <see cref="Uri"/>
    /// reads <c>/callback</c> as a file: URI.
    /// </summary>
    public static string? CallbackProblem(string callback)
    {
        if (string.IsNullOrWhiteSpace(callback)) return "is empty or white space";
        if (HasControlCharacter(callback)) return "holds a control character";
        if (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || uri.IsFile || SchemeLike(callback) is null)
        {
            return "is not an absolute URL";
        }
        if (uri.Scheme is "http" or "https") return uri.Host.Length > 0 ? null : "has no host";
        return uri.Scheme.Contains('.', StringComparison.Ordinal)
            ? null
            : $"has the scheme '{uri.Scheme}'; use http, https or a private-use scheme with a period (com.example.app:/callback)";
    }

    /// <summary>Whether <paramref name="callback"/> is a callback a provider may redirect to (<see cref="CallbackProblem"/>).</summary>
    public static bool IsAbsoluteCallback(string callback) => CallbackProblem(callback) is null;

    /// <summary>
    /// The scheme <paramref name="url"/> would be read with, or <see langword="null"/>: a ':' in the first segment (before
    /// any '/', '?' or '#') makes a reference absolute (RFC 3986 §3.1, §4.2), whether or not the name before it is a valid
    /// scheme name (<c>ht!tp:/x</c> is still not a path).
    /// </summary>
    private static string? SchemeLike(string url)
    {
        var end = url.AsSpan().IndexOfAny('/', '?', '#');
        var first = end < 0 ? url.AsSpan() : url.AsSpan(0, end);
        var colon = first.IndexOf(':');
        return colon < 0 ? null : first[..colon].ToString();
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c)) return true;
        }
        return false;
    }

    private static void SplitQuery(string url, out string path, out string query)
    {
        var fragment = url.IndexOf('#');
        if (fragment >= 0) url = url[..fragment];
        var mark = url.IndexOf('?');
        path = mark < 0 ? url : url[..mark];
        query = mark < 0 ? "" : url[(mark + 1)..];
    }
}
