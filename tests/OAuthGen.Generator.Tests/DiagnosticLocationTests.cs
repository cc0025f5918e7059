using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// Diagnostics point into the user's own syntax tree (so <c>#pragma warning disable</c> applies to them), the right one
/// even when several trees share a path, and the generator reports none of them, so a warning never makes it re-run.
/// </summary>
public sealed class DiagnosticLocationTests
{
    private const string WithSecret = """
        using System.Threading.Tasks;
        using OAuthGen;
        namespace App;
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", ConsumerKey = "k", ConsumerSecret = "s3cr3t")]
        public partial interface IApi { [Get("x")] Task A(); }
        """;

    private const string Unrelated = "namespace Other; public static class Helper { public static int Value => 1; }";

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, CompilationHelper.ParseOptions, path);

    [Fact]
    public void TreesSharingAPathGetTheDiagnosticInTheRightOne()
    {
        // A longer unrelated file first, under the same path: a path-only lookup would pick it.
        var decoy = Parse("// " + new string('x', WithSecret.Length) + "\n" + Unrelated, "Shared.cs");
        var app = Parse(WithSecret, "Shared.cs");
        var compilation = CompilationHelper.CreateCompilation().AddSyntaxTrees(decoy, app);

        var output = CompilationHelper.Run(compilation, withJsonGenerator: false);

        var diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal("OAG018", diagnostic.Id);
        Assert.Same(app, diagnostic.Location.SourceTree);
        Assert.Equal("\"s3cr3t\"", app.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void PragmaDisableSuppressesAWarning()
    {
        var source = WithSecret.Replace("[RemoteApp(", "#pragma warning disable OAG018\n[RemoteApp(").Replace("public partial", "#pragma warning restore OAG018\npublic partial");

        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(source), withJsonGenerator: false);

        Assert.True(Assert.Single(output.Diagnostics).IsSuppressed);
        Assert.Empty(output.Errors);
    }

    [Fact]
    public void UnrelatedEditKeepsTheGeneratedSourceCachedAndTheWarningInTheNewCompilation()
    {
        var compilation = CompilationHelper.CreateCompilation(WithSecret, Unrelated);
        var driver = CompilationHelper.CreateDriver(withJsonGenerator: false).RunGenerators(compilation);
        var helper = compilation.SyntaxTrees.ElementAt(1);
        var edited = compilation.ReplaceSyntaxTree(helper, Parse(helper.ToString().Replace("=> 1", "=> 2"), helper.FilePath));

        var result = driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out _).GetRunResult().Results.Single();

        // The generator reports nothing and re-emits nothing; the analyzer reports the warning in the edited compilation.
        Assert.All(result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Single(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        var diagnostic = Assert.Single(CompilationHelper.Analyze(output));
        Assert.Equal("OAG018", diagnostic.Id);
        Assert.Same(edited.SyntaxTrees.First(), diagnostic.Location.SourceTree);
    }
}
