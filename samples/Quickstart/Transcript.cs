using System;
using System.IO;
using System.Linq;
using System.Net;

namespace OAuthGen.Samples.Quickstart;

/// <summary>Prints the quickstart's steps, never a whole token, secret, code or state.</summary>
internal sealed class Transcript(TextWriter output)
{
    public void Title(string text) => output.WriteLine(text);

    public void Heading(string text)
    {
        output.WriteLine();
        output.WriteLine(text);
    }

    public void Step(string what, string result) => output.WriteLine($"  {what,-15} {result}");

    public void Line(string text) => output.WriteLine(text);

    /// <summary>The first characters of a credential, enough to tell two apart, never enough to use one.</summary>
    public static string Hide(string? secret) => secret switch
    {
        null or "" => "(none)",
        { Length: <= 8 } => "…",
        _ => secret[..4] + "…",
    };

    /// <summary>A URL's path and query with every query value shortened (they carry tokens, codes and state).</summary>
    public static string Url(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0) return url.AbsolutePath;
        var pairs = query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            if (equals < 0) return pair;
            var value = WebUtility.UrlDecode(pair[(equals + 1)..]);
            return pair[..equals] + "=" + (IsReadable(pair[..equals]) ? value : Hide(value));
        });
        return url.AbsolutePath + "?" + string.Join("&", pairs);
    }

    // Parameters that are neither credentials nor one-time values: showing them explains the flow.
    private static bool IsReadable(string name) => name is "response_type" or "redirect_uri" or "scope" or "code_challenge_method" or "error" or "client_id";
}
