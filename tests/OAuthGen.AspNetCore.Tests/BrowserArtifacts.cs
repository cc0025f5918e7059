using System;
using System.IO;
using System.Threading;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// Where a failing browser test leaves the screenshot and source of its page: <c>artifacts/browser/</c> at the repository
/// root (found from the test binary by looking upward for OAuthGen.sln, so a CI build with mapped source paths finds the
/// same place), or the folder <see cref="EnvironmentVariable"/> names (a relative path is taken from the repository root).
/// The folder is emptied of earlier runs' files when the first browser of a test run starts, so what is there after a run
/// belongs to that run; test.sh prints where it is.
/// </summary>
internal static class BrowserArtifacts
{
    public const string EnvironmentVariable = "OAUTHGEN_BROWSER_ARTIFACTS";

    private static readonly Lazy<string> Cleared = new(Clear, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The artifacts folder, emptied once per test run (on first use).</summary>
    public static string Folder => Cleared.Value;

    /// <summary>Empties the folder now if this run has not yet; called when a browser starts.</summary>
    public static void ClearOnce() => _ = Cleared.Value;

    /// <summary>The folder's path for this run, without touching it.</summary>
    public static string Locate()
    {
        var root = RepositoryRoot();
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, root ?? Environment.CurrentDirectory);
        return Path.Combine(root ?? AppContext.BaseDirectory, "artifacts", "browser");
    }

    private static string Clear()
    {
        var folder = Locate();
        Directory.CreateDirectory(folder);
        // Only the kinds of file this class writes: the variable may name a folder that holds other things too.
        foreach (var pattern in new[] { "*.png", "*.html" })
        {
            foreach (var stale in Directory.EnumerateFiles(folder, pattern)) File.Delete(stale);
        }
        return folder;
    }

    /// <summary>The directory holding OAuthGen.sln above the test binary; null when the binary runs outside the repository.</summary>
    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OAuthGen.sln"))) return directory.FullName;
        }
        return null;
    }
}
