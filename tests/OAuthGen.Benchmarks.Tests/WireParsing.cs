using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>Reads what the in-memory server recorded, independently of the clients under test.</summary>
internal static class WireParsing
{
    /// <summary>The parameters of an <c>OAuth k="v", ...</c> Authorization header, sorted by name (order is free).</summary>
    public static SortedDictionary<string, string> OAuthHeaderParameters(string? header)
    {
        Assert.NotNull(header);
        Assert.StartsWith("OAuth ", header, StringComparison.Ordinal);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header["OAuth ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = part[(equals + 1)..];
            Assert.True(value.Length >= 2 && value[0] == '"' && value[^1] == '"', $"unquoted value in {part}");
            Assert.True(result.TryAdd(part[..equals], Uri.UnescapeDataString(value[1..^1])), $"repeated {part[..equals]}");
        }
        return result;
    }

    /// <summary>The decoded pairs of an application/x-www-form-urlencoded body ('+' is a space).</summary>
    public static List<KeyValuePair<string, string>> FormPairs(string? body) =>
        (body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(nv => KeyValuePair.Create(Decode(nv[0]), nv.Length > 1 ? Decode(nv[1]) : ""))
            .ToList();

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
