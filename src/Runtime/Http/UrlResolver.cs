using System;

namespace OAuthGen;

/// <summary>
/// Joins relative URLs to a base URL by appending paths, unlike RFC 3986 resolution (Python's <c>urljoin</c>),
/// which silently drops the base's last segment when it lacks a trailing '/' and its whole path when the relative
/// path starts with '/'. Queries of both are kept.
/// </summary>
internal static class UrlResolver
{
    public static Uri Resolve(string? baseUrl, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
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
    /// Whether <paramref name="callback"/> is an absolute URI a provider can redirect to (custom schemes of native apps
    /// included). On Unix <see cref="Uri"/> reads a path such as <c>/callback</c> as an absolute file: URI, so file: URIs
    /// are refused: no provider redirects to a file.
    /// </summary>
    public static bool IsAbsoluteCallback(string callback) =>
        Uri.TryCreate(callback, UriKind.Absolute, out var uri) && !uri.IsFile;

    private static void SplitQuery(string url, out string path, out string query)
    {
        var fragment = url.IndexOf('#');
        if (fragment >= 0) url = url[..fragment];
        var mark = url.IndexOf('?');
        path = mark < 0 ? url : url[..mark];
        query = mark < 0 ? "" : url[(mark + 1)..];
    }
}
