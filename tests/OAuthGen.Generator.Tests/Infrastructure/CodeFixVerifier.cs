using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace OAuthGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs a code fix against OAuthGen's analyzer through the code-fix testing package: the diagnostics marked in the
/// source (<c>{|OAG007:text|}</c>), the fixed text, and the same result through fix-all in document, project and
/// solution (what <c>dotnet format analyzers</c> applies).
/// </summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace App;

        public sealed class Poco { public string? Name { get; set; } }

        """;

    public static async Task VerifyAsync(string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<OAuthGenAnalyzer, TCodeFix, DefaultVerifier>
        {
            // Never ReferenceAssemblies.Net.Net100: it asks NuGet for a package version the mirror lacks.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(CompilationHelper.References);
        test.FixedState.AdditionalReferences.AddRange(CompilationHelper.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Preview);
            return solution.WithProjectCompilationOptions(projectId, options).WithProjectParseOptions(projectId, parseOptions);
        });
        await test.RunAsync();
    }
}
