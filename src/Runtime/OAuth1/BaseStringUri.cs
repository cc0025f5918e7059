using System;
using System.Buffers;
using System.Text;
using System.Globalization;

namespace OAuthGen;

/// <summary>
/// The base string URI of RFC 5849 §3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's
/// default, the path as it goes on the wire (empty becomes <c>/</c>), no query, no fragment.
/// </summary>
internal static class BaseStringUri
{
    public static void Write(Uri uri, ref AsciiBuilder output)
    {
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URI; OAuth 1.0a signs absolute URIs only.", nameof(uri));
        Span<char> lower = stackalloc char[16];
        var scheme = uri.Scheme;
        var length = scheme.AsSpan().ToLowerInvariant(lower);
        output.AppendAscii(length < 0 ? scheme : lower[..length]);
        output.Append("://"u8);
        // IdnHost is the host as it travels (punycode for IDNs, brackets kept for IPv6 literals); Uri lower-cases it.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        if (Ascii.ToLower(host, output.GetSpan(host.Length), out var hostLength) == OperationStatus.Done) output.Advance(hostLength);
        else foreach (var c in host) output.Append((byte)char.ToLowerInvariant(c));
        if (!uri.IsDefaultPort)
        {
            output.Append((byte)':');
            Span<char> port = stackalloc char[6];
            uri.Port.TryFormat(port, out var written, provider: CultureInfo.InvariantCulture);
            output.AppendAscii(port[..written]);
        }
        // AbsolutePath is exactly what HttpClient puts on the request line (spaces and non-ASCII escaped), so it is
        // what the provider sees and signs; Uri already turned an empty path into "/".
        var path = uri.AbsolutePath;
        if (path.Length == 0) output.Append((byte)'/');
        else AppendWirePath(path, ref output);
    }

    /// <summary>
    /// Writes the base string URI percent-encoded, as the base string holds it (§3.4.1.1), without building it first:
    /// encoding the scheme, host and path one by one gives the same text when the scheme and host are unreserved and
    /// the path is plain ASCII, as they almost always are (Uri escapes the path). Anything else goes the long way.
    /// </summary>
    public static void WriteEncoded(Uri uri, ref AsciiBuilder output)
    {
        if (!uri.IsAbsoluteUri)
        {
            WriteEncodedTheLongWay(uri, ref output);
            return;
        }
        var scheme = uri.Scheme;
        var host = uri.IdnHost;
        var path = uri.AbsolutePath;
        // An IPv6 host holds ':' and so takes the long way, which writes it with its brackets.
        if (PercentEncoding.NeedsEncoding(scheme) || PercentEncoding.NeedsEncoding(host) || path.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            WriteEncodedTheLongWay(uri, ref output);
            return;
        }
        // Scheme and host are unreserved ASCII here, so lower-casing them is all their encoding takes.
        AppendLowerCase(scheme, ref output);
        output.Append("%3A%2F%2F"u8);
        AppendLowerCase(host, ref output);
        if (!uri.IsDefaultPort)
        {
            output.Append("%3A"u8);
            Span<char> port = stackalloc char[6];
            uri.Port.TryFormat(port, out var written, provider: CultureInfo.InvariantCulture);
            output.AppendAscii(port[..written]);
        }
        if (path.Length == 0) output.Append("%2F"u8);
        else PercentEncoding.Encode(path, ref output);
    }

    private static void AppendLowerCase(string ascii, ref AsciiBuilder output)
    {
        Ascii.ToLower(ascii, output.GetSpan(ascii.Length), out var written);
        output.Advance(written);
    }

    private static void WriteEncodedTheLongWay(Uri uri, ref AsciiBuilder output)
    {
        var text = new AsciiBuilder(stackalloc byte[256]);
        try
        {
            Write(uri, ref text);
            PercentEncoding.Encode(text.Written, ref output);
        }
        finally
        {
            text.Dispose();
        }
    }

    public static string Normalize(Uri uri)
    {
        var output = new AsciiBuilder(stackalloc byte[256]);
        try
        {
            Write(uri, ref output);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    private static void AppendWirePath(string path, ref AsciiBuilder output)
    {
        // The escaped path is ASCII; anything else (a Uri created with UriKind and unusual options) is escaped here.
        if (!path.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            output.AppendAscii(path);
            return;
        }
        foreach (var c in path)
        {
            if (c < 0x80 && c != ' ') output.Append((byte)c);
            else PercentEncoding.Encode(new ReadOnlySpan<char>(in c), ref output);
        }
    }
}
