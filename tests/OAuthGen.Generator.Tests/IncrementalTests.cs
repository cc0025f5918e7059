using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>The pipeline caches: edits that do not change an interface's meaning re-emit nothing.</summary>
public sealed class IncrementalTests
{
    private const string Unrelated = "namespace Other; public static class Helper { public static int Value => 1; }";

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(params string[] sources)
    {
        var compilation = CompilationHelper.CreateCompilation(sources);
        var driver = CompilationHelper.CreateDriver(withJsonGenerator: false).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation).GetRunResult().Results.Single();

    private static CSharpCompilation Edit(CSharpCompilation compilation, int treeIndex, Func<string, string> edit)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        var newTree = CSharpSyntaxTree.ParseText(edit(tree.ToString()), CompilationHelper.ParseOptions, tree.FilePath);
        return compilation.ReplaceSyntaxTree(tree, newTree);
    }

    private static IncrementalStepRunReason[] StepReasons(GeneratorRunResult result, string step) =>
        [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result) =>
        [.. result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)];

    [Fact]
    public void UnrelatedEditLeavesEveryOutputCached()
    {
        var (driver, compilation) = RunOnce(TestSources.GitHub, Unrelated);

        var result = Rerun(driver, Edit(compilation, 1, text => text.Replace("=> 1", "=> 2")));

        Assert.All(StepReasons(result, TrackingNames.Parse), AssertNotModified);
        Assert.NotEmpty(OutputReasons(result));
        Assert.All(OutputReasons(result), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void CommentAndWhitespaceEditInsideTheInterfaceIsUnchanged()
    {
        var (driver, compilation) = RunOnce(TestSources.GitHub, Unrelated);

        var result = Rerun(driver, Edit(compilation, 0, text => text.Replace(
            "Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);",
            "Task<GitHubUser>   GetUserAsync( CancellationToken cancellationToken = default ); // the signed-in user")));

        // The transform re-ran (the file changed) and produced an equal result: Unchanged, or Cached downstream of it.
        Assert.All(StepReasons(result, TrackingNames.Parse), AssertNotModified);
        Assert.All(StepReasons(result, TrackingNames.Models), AssertNotModified);
        Assert.All(OutputReasons(result), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void CommentAboveTheInterfaceMovesNoGeneratedCode()
    {
        var (driver, compilation) = RunOnce(TestSources.GitHub, Unrelated);

        // Every span below the comment moves; the model holds no location, so it is equal.
        var result = Rerun(driver, Edit(compilation, 0, text => text.Replace("namespace Samples.GitHub;", "namespace Samples.GitHub;\n\n// GitHub's REST API\n")));

        Assert.All(StepReasons(result, TrackingNames.Parse), AssertNotModified);
        Assert.All(StepReasons(result, TrackingNames.Models), AssertNotModified);
        Assert.All(OutputReasons(result), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Theory]
    [InlineData("[Get(\"users/{username}/repos\")]", "[Get(\"users/{username}/repositories\")]")]
    [InlineData("[Query(\"per_page\")] int? perPage", "[Query(\"per_page\")] long? perPage")]
    [InlineData("string? sort = null,", "string? sort = null, string? direction = null,")]
    [InlineData("[Head(\"rate_limit\")]", "[Get(\"rate_limit\")]")]
    public void SemanticEditIsModified(string before, string after)
    {
        var (driver, compilation) = RunOnce(TestSources.GitHub, Unrelated);
        Assert.Contains(before, TestSources.GitHub);

        var result = Rerun(driver, Edit(compilation, 0, text => text.Replace(before, after)));

        Assert.Equal([IncrementalStepRunReason.Modified], StepReasons(result, TrackingNames.Parse));
        Assert.Equal([IncrementalStepRunReason.Modified], StepReasons(result, TrackingNames.Models));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(result));
    }

    [Fact]
    public void TrackedOutputsHoldNoSymbolsSyntaxLocationsOrCompilations()
    {
        // Broken interfaces included: an error drops the model (null), a warning leaves it.
        var broken = """
            using System.Threading.Tasks;
            using OAuthGen;
            namespace Broken;
            [RemoteApp("broken", BaseUrl = "http://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "B")]
            public partial interface IBroken { [Get("x/{id}")] Task A(); }
            [RemoteApp("broken", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "C")]
            public partial interface IAgain { [Get("x")] Task A(); }
            """;
        var (driver, _) = RunOnce(TestSources.GitHub, TestSources.Twitter, TestSources.Weibo, TestSources.Large, broken);
        var result = driver.GetRunResult().Results.Single();

        var checkedValues = 0;
        foreach (var step in new[] { TrackingNames.Parse, TrackingNames.Models })
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), step);
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoCompilationData(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
                checkedValues++;
            }
        }
        Assert.True(checkedValues >= 10, $"only {checkedValues} values walked");
    }

    [Fact]
    public void IdenticalCompilationsGiveEqualModels()
    {
        var first = RunOnce(TestSources.GitHub, TestSources.Large).Driver.GetRunResult().Results.Single();
        var second = RunOnce(TestSources.GitHub, TestSources.Large).Driver.GetRunResult().Results.Single();

        var firstModels = first.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        var secondModels = second.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Equal(2, firstModels.Count);
        Assert.Equal(firstModels, secondModels);
        Assert.Equal(firstModels.Select(m => m.GetHashCode()), secondModels.Select(m => m.GetHashCode()));
        Assert.NotSame(firstModels[0], secondModels[0]);
    }

    private static void AssertNotModified(IncrementalStepRunReason reason) =>
        Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString());

    private static void AssertNoCompilationData(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Location or Compilation or SemanticModel or IOperation,
            $"{path} holds a {value.GetType().Name}, which pins compilation data and defeats caching");
        if (!value.GetType().IsValueType && !visited.Add(value)) return;
        if (value is DiagnosticDescriptor) return; // static singletons; plain strings inside
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) AssertNoCompilationData(item, visited, $"{path}[{i++}]");
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilationData(field.GetValue(value), visited, $"{path}.{field.Name}");
        }
    }

    [Fact]
    public void TheGraphWalkFindsALocationWhenThereIsOne()
    {
        var model = new { Items = new object[] { "text", new[] { Location.None } } };

        Assert.ThrowsAny<Exception>(() => AssertNoCompilationData(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model"));
    }
}
