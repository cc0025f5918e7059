using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OAuthGen.Generator;

namespace OAuthGen.Docs.Tests;

/// <summary>
/// Compiles a documentation program as <c>dotnet new console</c> or <c>dotnet new web</c> plus
/// <c>dotnet add package OAuthGen</c> would: the framework's reference assemblies, the OAuthGen runtime of this build,
/// the SDK's implicit usings, nullable on; OAuthGen's generator and analyzer and System.Text.Json's generator run.
/// A test file is compiled with the other test files of its page, as <c>dotnet new xunit</c> plus OAuthGen and
/// OAuthGen.Testing would build them: a library, with xunit and the test kit (and the ASP.NET Core it brings).
/// </summary>
internal static class ProgramCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The dotnet installation running the tests, and its targeting packs (the SDK installs them beside the runtime).
    private static readonly string DotnetRoot =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static readonly MetadataReference OAuthGenRuntime = MetadataReference.CreateFromFile(typeof(RemoteApp).Assembly.Location);

    /// <summary>OAuthGen.AspNetCore, which web programs add beside OAuthGen for sign-in.</summary>
    private static readonly MetadataReference OAuthGenAspNetCore =
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.RemoteAppAuthenticationBuilderExtensions).Assembly.Location);

    /// <summary>What <c>dotnet add package OAuthGen</c> brings to a console app: the runtime and its Microsoft.Extensions dependencies.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> ConsoleReferences = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        OAuthGenRuntime,
        .. RuntimeDependencies().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ]);

    /// <summary>
    /// The Microsoft.Extensions assemblies the runtime references, directly or through each other, taken from the ASP.NET
    /// Core reference pack (the same versions the package brings; this test project runs on that shared framework, so its
    /// output folder has no copies of them).
    /// </summary>
    private static IEnumerable<string> RuntimeDependencies()
    {
        var pack = Directory.GetFiles(LatestPack("Microsoft.AspNetCore.App.Ref", Path.Combine("ref", "net10.0")), "Microsoft.Extensions.*.dll")
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(typeof(RemoteApp).Assembly.GetReferencedAssemblies().Select(name => name.Name!));
        while (pending.TryPop(out var name))
        {
            if (!pack.TryGetValue(name, out var path) || !found.Add(path)) continue;
            using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
            foreach (var handle in metadata.AssemblyReferences) pending.Push(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
        }
        return found;
    }

    /// <summary>A web app: the ASP.NET Core shared framework's reference assemblies (Microsoft.Extensions included) and the runtime.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> WebReferences = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        OAuthGenRuntime,
        OAuthGenAspNetCore,
        .. Directory.GetFiles(LatestPack("Microsoft.AspNetCore.App.Ref", Path.Combine("ref", "net10.0")), "*.dll").Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ]);

    /// <summary>
    /// A test project with OAuthGen and OAuthGen.Testing: the ASP.NET Core framework and TestHost the kit brings, the kit
    /// itself, and xunit (the versions this test project runs on).
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> TestReferences = new(() =>
    [
        .. WebReferences.Value,
        .. new[]
        {
            typeof(OAuthGen.Testing.TestProvider), typeof(Microsoft.AspNetCore.TestHost.TestServer), typeof(FactAttribute), typeof(Assert),
            typeof(Xunit.Abstractions.ITestOutputHelper),
        }.Select(type => (MetadataReference)MetadataReference.CreateFromFile(type.Assembly.Location)),
    ]);

    private static readonly string[] ConsoleUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<ISourceGenerator> JsonGenerator = new(() =>
        new AnalyzerFileReference(
                Path.Combine(LatestPack("Microsoft.NETCore.App.Ref", Path.Combine("analyzers", "dotnet", "cs")), "System.Text.Json.SourceGeneration.dll"),
                new AssemblyLoader())
            .GetGenerators(LanguageNames.CSharp).Single());

    /// <summary>
    /// Compiles <paramref name="program"/>; returns every warning and error, how many files OAuthGen generated, and the
    /// assembly image (empty when emitting failed).
    /// </summary>
    public static (IReadOnlyList<Diagnostic> Problems, int GeneratedFiles, byte[] Image) Compile(CompleteProgram program)
    {
        var usings = program.Kind == ProgramKind.Web ? WebUsings : ConsoleUsings;
        var globalUsings = string.Concat(usings.Select(u => $"global using global::{u};\n"));
        // A test file builds with its page's other test files, as the files of one project.
        var files = program.Kind == ProgramKind.Test ? CompleteProgram.In(program.File).Where(p => p.Kind == ProgramKind.Test).ToList() : [program];
        var compilation = CSharpCompilation.Create(
            "DocumentationProgram",
            [
                // Diagnostics point at the Markdown file's own lines.
                .. files.Select(file => CSharpSyntaxTree.ParseText($"#line {file.Line + 1} \"{file.File}\"\n{file.Source}", ParseOptions,
                    path: files.Count == 1 ? file.File : $"{file.File}:{file.Line}")),
                CSharpSyntaxTree.ParseText(globalUsings, ParseOptions, path: "GlobalUsings.g.cs"),
            ],
            program.Kind switch
            {
                ProgramKind.Web => WebReferences.Value,
                ProgramKind.Test => TestReferences.Value,
                _ => ConsoleReferences.Value,
            },
            new CSharpCompilationOptions(program.Kind == ProgramKind.Test ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable)
                // The SDK's own NoWarn: libraries built for older frameworks (xunit) unify with this one's System.Runtime.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        var driver = CSharpGeneratorDriver.Create([new OAuthGenGenerator().AsSourceGenerator(), JsonGenerator.Value], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var generated = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(OAuthGenGenerator)).GeneratedSources.Length;
        var analyzerDiagnostics = output
            .WithAnalyzers([new OAuthGenAnalyzer()], new AnalyzerOptions([]))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        using var image = new MemoryStream();
        var emitted = output.Emit(image);

        var problems = generatorDiagnostics.Concat(analyzerDiagnostics).Concat(output.GetDiagnostics()).Concat(emitted.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Distinct()
            .ToList();
        return (problems, generated, emitted.Success ? image.ToArray() : []);
    }

    private static string LatestPack(string pack, string subdirectory)
    {
        var versions = Path.Combine(DotnetRoot, "packs", pack);
        return Directory.GetDirectories(versions)
            .Where(d => Version.TryParse(Path.GetFileName(d), out var v) && v.Major == 10)
            .OrderByDescending(d => Version.Parse(Path.GetFileName(d)))
            .Select(d => Path.Combine(d, subdirectory))
            .FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"No 10.x {pack} with {subdirectory} under {versions}");
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
