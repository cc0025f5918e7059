using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OAuthGen.Generator.Tests;

/// <summary>The generator must load in every compiler host from Roslyn 4.14 on (a newer reference makes it silently skipped: CS9057).</summary>
public sealed class PackagingTests
{
    private static List<(string Name, Version Version)> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (Name: metadata.GetString(reference.Name), reference.Version))
            .ToList();
    }

    [Fact]
    public void GeneratorReferencesOnlyNetStandardAndRoslyn414OrOlder()
    {
        var references = References(typeof(OAuthGenGenerator).Assembly.Location);
        // What Roslyn 4.14 itself depends on (System.Collections.Immutable...) is always in the compiler host; nothing else is.
        var roslyn = References(typeof(Microsoft.CodeAnalysis.Compilation).Assembly.Location).ToDictionary(r => r.Name, r => r.Version);

        Assert.Contains(references, r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0));
        Assert.Contains(references, r => r.Name == "Microsoft.CodeAnalysis");
        foreach (var (name, version) in references)
        {
            if (name == "netstandard") continue;
            if (name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")
            {
                Assert.True(version <= new Version(4, 14, 0, 0), $"{name} {version} is newer than 4.14");
                continue;
            }
            Assert.True(roslyn.TryGetValue(name, out var hostVersion), $"unexpected dependency {name} {version}: the compiler host does not bring it");
            Assert.True(version <= hostVersion, $"{name} {version} is newer than the {hostVersion} Roslyn 4.14 brings");
        }
    }

    [Fact]
    public void GeneratorTargetsNetStandard20()
    {
        var framework = typeof(OAuthGenGenerator).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single();
        Assert.Equal(".NETStandard,Version=v2.0", framework.FrameworkName);
    }
}
