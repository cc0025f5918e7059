using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OAuthGen;

/// <summary>
/// The names and version OAuthGen's traces and metrics are published under, for
/// <c>AddSource(OAuthGenTelemetry.Name)</c> and <c>AddMeter(OAuthGenTelemetry.Name)</c> in OpenTelemetry's setup.
/// </summary>
public static class OAuthGenTelemetry
{
    /// <summary>The name of OAuthGen's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "OAuthGen";

    /// <summary>The package version both carry (without the source revision), so a trace or a dashboard tells which
    /// release produced it.</summary>
    public static string Version { get; } = ReadVersion();

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    private static string ReadVersion()
    {
        var informational = typeof(OAuthGenTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // SourceLink appends "+<commit>"; instrument versions name the release, as the assembly's own would.
        var plus = informational?.IndexOf('+') ?? -1;
        return plus >= 0 ? informational![..plus] : informational ?? typeof(OAuthGenTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
