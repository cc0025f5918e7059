using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OAuthGen.Benchmarks.Generator;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// The generator benchmarks measure real work: on the 40 × 12 corpus each generator implements every interface with
/// code that compiles; every fresh-compilation case gets a new compilation per run and sees its edit; the unrelated edit
/// yields the cold run's sources and the interface edit changes exactly one generated file; the floor finds the same
/// interfaces.
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

    [Fact]
    public void TheFloorFindsEveryCorpusInterface()
    {
        var hints = GeneratorHarness.FreshCold(GeneratorKind.Floor).Run().GetRunResult().Results.Single().GeneratedSources
            .Select(s => s.HintName).ToHashSet();
        Assert.Equal(Enumerable.Range(0, GeneratorCorpus.InterfaceCount).Select(i => $"IResource{i}Api.g.cs").ToHashSet(), hints);
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    [InlineData(GeneratorKind.Floor)]
    public void IncrementalRunSeesTheUnrelatedEditAndProducesTheColdRunsSources(GeneratorKind kind)
    {
        var incremental = GeneratorHarness.Incremental(kind);
        Assert.Contains(incremental.Compilation.SyntaxTrees, t => t.ToString() == GeneratorHarness.UnrelatedEdit);

        var cold = Sources(GeneratorHarness.Cold(kind).Run());
        Assert.NotEmpty(cold);
        Assert.Equal(cold, Sources(incremental.Run()));
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    [InlineData(GeneratorKind.Floor)]
    public void FreshCasesMakeANewCompilationPerRunAndSeeTheirEdits(GeneratorKind kind)
    {
        var cold = GeneratorHarness.FreshCold(kind);
        var unrelated = GeneratorHarness.FreshUnrelatedEdit(kind);
        var interfaceEdit = GeneratorHarness.FreshInterfaceEdit(kind);
        foreach (var run in new[] { cold, unrelated, interfaceEdit })
        {
            Assert.NotSame(run.NewCompilation(), run.NewCompilation());
        }
        Assert.Contains(unrelated.NewCompilation().SyntaxTrees, t => t.ToString() == GeneratorHarness.UnrelatedEdit);
        Assert.Contains(interfaceEdit.NewCompilation().SyntaxTrees, t => t.ToString() == GeneratorCorpus.EditedInterface(kind == GeneratorKind.Refit));

        var coldSources = Sources(cold.Run());
        Assert.NotEmpty(coldSources);
        Assert.Equal(coldSources, Sources(unrelated.Run()));
        Assert.Equal(coldSources, Sources(cold.Run())); // a second cold run starts from scratch again
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    [InlineData(GeneratorKind.Floor)]
    public void TheDriverLeavesTheParseOfItsOutputToTheBuildAndTheColdBuildCasePaysIt(GeneratorKind kind)
    {
        var cold = GeneratorHarness.FreshCold(kind);
        GeneratorHarness.CreateDriver(kind).RunGeneratorsAndUpdateCompilation(cold.NewCompilation(), out var output, out _);
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(generated);
        Assert.All(generated, tree => Assert.False(tree.TryGetRoot(out _), $"{tree.FilePath} was parsed by the driver"));

        GeneratorHarness.ParseUnparsedTrees(output);
        Assert.All(generated, tree => Assert.True(tree.TryGetRoot(out _), $"{tree.FilePath} is still unparsed"));
        Assert.Equal(Sources(cold.Run()), Sources(cold.RunAndParseOutput()));
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    public void TheInterfaceEditChangesTheEditedInterfacesClientOnly(GeneratorKind kind)
    {
        var before = Sources(GeneratorHarness.FreshCold(kind).Run());
        var after = Sources(GeneratorHarness.FreshInterfaceEdit(kind).Run());
        Assert.Equal(before.Count, after.Count);
        var changed = before.Zip(after).Where(pair => pair.First != pair.Second).Select(pair => pair.Second).ToList();
        if (kind == GeneratorKind.Refit)
        {
            Assert.NotEmpty(changed); // Refit writes the changed interface's stub (and may rewrite shared files)
        }
        else
        {
            Assert.Single(changed);
            Assert.Contains("IResource0Api", changed[0].Split('\n')[0]);
        }
        Assert.Contains(changed, source => source.Contains("Get12", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(GeneratorKind.Refit)]
    [InlineData(GeneratorKind.OAuthGen)]
    public void TheInterfaceEditsNewMethodCompiles(GeneratorKind kind)
    {
        var edit = GeneratorHarness.FreshInterfaceEdit(kind);
        GeneratorHarness.CreateDriver(kind).RunGeneratorsAndUpdateCompilation(edit.NewCompilation(), out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    private static List<string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath + "\n" + t).OrderBy(s => s, System.StringComparer.Ordinal).ToList();

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().SelectMany(t => t.GetTypeMembers().Prepend(t))
            .Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));
}
