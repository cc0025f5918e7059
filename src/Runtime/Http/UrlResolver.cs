using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;

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
    public static Uri Resolve(string? baseUrl, string url) => Resolve(baseUrl, url, []);

    /// <summary>
    /// Resolves <paramref name="url"/> as <see cref="Resolve(string?, string)"/> does and appends <paramref name="query"/>
    /// (RFC 3986 escaped) to its query, building the one URL string directly: what a generated method with query
    /// parameters calls.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Resolve(string?, string)"/>.</exception>
    public static Uri Resolve(string? baseUrl, string url, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > 0 && RequestUrlProblem(url) is { } problem)
        {
            // The URL itself is not quoted: a caller may have put a token in its query.
            throw new ArgumentException($"The URL {problem}. Request URLs are absolute http or https URLs, or relative paths " +
                "(without a scheme) appended to BaseUrl.", nameof(url));
        }
        if (IsAbsoluteHttpUrl(url))
        {
            return query.Count == 0 ? new Uri(url, UriKind.Absolute) : RequestData.AppendQuery(new Uri(url, UriKind.Absolute), query);
        }
        if (string.IsNullOrEmpty(baseUrl))
        {
            throw new ArgumentException($"'{url}' is relative and the app has no BaseUrl.", nameof(url));
        }

        // Fragments of either are dropped; the path is the base's with the relative path appended, then the base's query,
        // the relative URL's query and the pairs, in that order. Built in one buffer: the string is the only allocation.
        SplitQuery(baseUrl, out var basePath, out var baseQuery);
        SplitQuery(url, out var relativePath, out var relativeQuery);
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[QueryPairs.InitialUrlBuffer]);
        if (relativePath.IsEmpty)
        {
            text.AppendFormatted(basePath);
        }
        else
        {
            text.AppendFormatted(basePath.TrimEnd('/'));
            text.AppendFormatted("/");
            text.AppendFormatted(relativePath.TrimStart('/'));
        }
        var hasQuery = false;
        AppendQueryText(ref text, baseQuery, ref hasQuery);
        AppendQueryText(ref text, relativeQuery, ref hasQuery);
        QueryPairs.Append(ref text, query, hasQuery);
        return new Uri(text.ToStringAndClear(), UriKind.Absolute);
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

    /// <summary>Splits <paramref name="url"/> at its '?' into path and query (without the '?'); any fragment is dropped.</summary>
    private static void SplitQuery(string url, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        var text = url.AsSpan();
        var fragment = text.IndexOf('#');
        if (fragment >= 0) text = text[..fragment];
        var mark = text.IndexOf('?');
        path = mark < 0 ? text : text[..mark];
        query = mark < 0 ? default : text[(mark + 1)..];
    }

    private static void AppendQueryText(ref DefaultInterpolatedStringHandler text, ReadOnlySpan<char> query, ref bool hasQuery)
    {
        if (query.IsEmpty) return;
        text.AppendFormatted(hasQuery ? "&" : "?");
        text.AppendFormatted(query);
        hasQuery = true;
    }
}
