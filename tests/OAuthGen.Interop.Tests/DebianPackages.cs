using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// The Debian packages the peer runs on. The tests never skip without them: a missing package fails the whole
/// collection with one line that names it (test.sh installs them when run as root).
/// </summary>
internal static class DebianPackages
{
    /// <summary>Debian's interpreter; the <c>python3</c> on PATH may be another one without the packages.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly (string Module, string Package)[] Required =
    [
        ("authlib", "python3-authlib"),
        ("flask", "python3-flask"),
        ("oauthlib", "python3-oauthlib"),
        ("requests_oauthlib", "python3-requests-oauthlib"),
    ];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every missing package.</summary>
    public static void EnsureInstalled()
    {
        var missing = File.Exists(Python) ? MissingModules() : Required.Select(r => r.Module).ToArray();
        if (missing.Length == 0) return;
        var packages = string.Join(' ', Required.Where(r => missing.Contains(r.Module)).Select(r => r.Package));
        var prefix = File.Exists(Python) ? "" : $"{Python} is missing. ";
        throw new InvalidOperationException(
            $"{prefix}The interop tests need the Debian packages {packages}: run ./test.sh as root, or apt-get install -y {packages}");
    }

    private static string[] MissingModules()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))");
        foreach (var (module, _) in Required) start.ArgumentList.Add(module);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
