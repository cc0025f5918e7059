using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OAuthGen.Benchmarks.Generator;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// The generator benchmarks measure real work: on the 40 × 12 corpus each generator implements every interface with
/// code that compiles, and the incremental run (after the unrelated edit) yields the same sources as the cold run.
/// </summary>
public sealed class GeneratorHarnessTests
{
    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    public void ColdRunImplementsEveryCorpusInterfaceWithCompilingCode(GeneratorKind kind)
    {
        var cold = GeneratorHarness.Cold(kind);
        cold.Driver.RunGeneratorsAndUpdateCompilation(cold.Compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        var implemented = AllTypes(output.Assembly.GlobalNamespace)
            .Where(t => t.TypeKind == TypeKind.Class)
            .SelectMany(t => t.AllInterfaces)
            .Select(i => i.Name)
            .ToHashSet();
        for (var i = 0; i < GeneratorCorpus.InterfaceCount; i++)
        {
            Assert.Contains($"IResource{i}Api", implemented);
        }
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    public void IncrementalRunSeesTheUnrelatedEditAndProducesTheColdRunsSources(GeneratorKind kind)
    {
        var incremental = GeneratorHarness.Incremental(kind);
        Assert.Contains(incremental.Compilation.SyntaxTrees, t => t.ToString() == GeneratorHarness.UnrelatedEdit);

        var cold = Sources(GeneratorHarness.Cold(kind).Run());
        Assert.NotEmpty(cold);
        Assert.Equal(cold, Sources(incremental.Run()));
    }

    private static List<string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath + "\n" + t).OrderBy(s => s, System.StringComparer.Ordinal).ToList();

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().SelectMany(t => t.GetTypeMembers().Prepend(t))
            .Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));
}
