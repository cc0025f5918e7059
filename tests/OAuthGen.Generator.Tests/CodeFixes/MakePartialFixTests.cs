using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using OAuthGen.CodeFixes;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>The "make it partial" fix for OAG001, applied in a workspace to the analyzer's diagnostic.</summary>
public sealed class MakePartialFixTests
{
    private const string Header = """
        using System.Threading.Tasks;
        using OAuthGen;

        """;

    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    [Theory]
    [InlineData(
        "namespace A;\n" + App + "\npublic interface IApi { [Get(\"x\")] Task A(); }",
        "namespace A;\n" + App + "\npublic partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData(
        "namespace A\n{\n    " + App + "\n    interface IApi { [Get(\"x\")] Task A(); }\n}",
        "namespace A\n{\n    " + App + "\n    partial interface IApi { [Get(\"x\")] Task A(); }\n}")]
    [InlineData(
        "namespace A;\npublic static class Outer\n{\n    " + App + "\n    public partial interface IApi { [Get(\"x\")] Task A(); }\n}",
        "namespace A;\npublic static partial class Outer\n{\n    " + App + "\n    public partial interface IApi { [Get(\"x\")] Task A(); }\n}")]
    public async Task AddsPartialAndTheDiagnosticGoesAway(string source, string expected)
    {
        using var workspace = new AdhocWorkspace();
        var document = workspace.CurrentSolution
            .AddProject("App", "App", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(CompilationHelper.ParseOptions)
            .AddMetadataReferences(CompilationHelper.References)
            .AddDocument("Api.cs", SourceText.From(Header + source), filePath: "Api.cs");

        var diagnostic = Assert.Single(await AnalyzerDiagnosticsAsync(document));
        Assert.Equal("OAG001", diagnostic.Id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new MakePartialCodeFixProvider().RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        var operation = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        var fixedDocument = operation.ChangedSolution.GetDocument(document.Id)!;

        Assert.Equal(Header + expected, (await fixedDocument.GetTextAsync()).ToString());
        Assert.Empty(await AnalyzerDiagnosticsAsync(fixedDocument));
    }

    private static async Task<IEnumerable<Diagnostic>> AnalyzerDiagnosticsAsync(Document document)
    {
        var compilation = (CSharpCompilation)(await document.Project.GetCompilationAsync())!;
        CompilationHelper.CreateDriver(withJsonGenerator: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return CompilationHelper.Analyze(output);
    }
}
