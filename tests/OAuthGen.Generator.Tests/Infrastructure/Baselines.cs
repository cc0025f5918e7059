using System;
using System.IO;
using System.Linq;

namespace OAuthGen.Generator.Tests.Infrastructure;

/// <summary>
/// Golden files for generated code (System.Text.Json's baseline model; Verify is not available on the mirror).
/// Set OAUTHGEN_UPDATE_BASELINES=1 to rewrite them from the current output, then review the diff.
/// </summary>
internal static class Baselines
{
    private static bool Update => Environment.GetEnvironmentVariable("OAUTHGEN_UPDATE_BASELINES") == "1";

    // Found from the test binary rather than [CallerFilePath]: deterministic CI builds map source paths to /_/.
    private static readonly string Root = FindBaselinesRoot();

    public static void Verify(string testName, GeneratorOutput output)
    {
        var directory = Path.Combine(Root, testName);
        var generated = output.Result.GeneratedSources.ToDictionary(s => s.HintName + ".txt", s => Normalize(s.SourceText.ToString()));
        if (Update)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory, "*.g.cs.txt").Where(f => !generated.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }
            foreach (var (name, text) in generated) File.WriteAllText(Path.Combine(directory, name), text);
            return;
        }

        Assert.True(Directory.Exists(directory), $"No baselines in {directory}; run with OAUTHGEN_UPDATE_BASELINES=1 to create them.");
        var expectedNames = Directory.GetFiles(directory, "*.g.cs.txt").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(expectedNames, generated.Keys.Order().ToList());
        foreach (var name in expectedNames)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(directory, name)));
            var actualLines = generated[name].Split('\n');
            var expectedLines = expected.Split('\n');
            for (var i = 0; i < Math.Min(actualLines.Length, expectedLines.Length); i++)
            {
                Assert.True(expectedLines[i] == actualLines[i],
                    $"{testName}/{name} line {i + 1} differs (OAUTHGEN_UPDATE_BASELINES=1 rewrites baselines).\nexpected: {expectedLines[i]}\nactual:   {actualLines[i]}");
            }
            Assert.Equal(expectedLines.Length, actualLines.Length);
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FindBaselinesRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OAuthGen.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "OAuthGen.Generator.Tests", "Baselines");
            }
        }
        throw new InvalidOperationException("OAuthGen.sln not found above " + AppContext.BaseDirectory);
    }
}
