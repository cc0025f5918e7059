using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Generator.Tests.Infrastructure;

/// <summary>Builds compilations the way a consumer project would, and runs the generator over them.</summary>
internal static class CompilationHelper
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>The reference set of a net10.0 app that uses OAuthGen (the package's runtime and its dependencies).</summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(RemoteApp).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
    ];

    private static readonly Lazy<ISourceGenerator?> JsonGenerator = new(LoadJsonSourceGenerator);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // Warnings as errors, as in a strict consumer project: generated code must not warn.
                generalDiagnosticOption: ReportDiagnostic.Error));

    /// <summary>A driver running OAuthGen (and System.Text.Json's generator, which user JsonContexts need) with step tracking.</summary>
    public static GeneratorDriver CreateDriver(bool withJsonGenerator = true)
    {
        var generators = new List<ISourceGenerator> { new OAuthGenGenerator().AsSourceGenerator() };
        if (withJsonGenerator && JsonGenerator.Value is { } json) generators.Add(json);
        return CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>
    /// Runs the generators, then OAuthGen's analyzer over the output compilation, as a build does; returns the output
    /// compilation, OAuthGen's generated sources and every diagnostic.
    /// </summary>
    public static GeneratorOutput Run(CSharpCompilation compilation, bool withJsonGenerator = true)
    {
        var driver = CreateDriver(withJsonGenerator).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(OAuthGenGenerator));
        return new GeneratorOutput(output, result, generatorDiagnostics, Analyze(output), output.GetDiagnostics());
    }

    /// <summary>OAuthGen's analyzer diagnostics for <paramref name="compilation"/>, suppressed ones included (marked so).</summary>
    /// <param name="compilation">The compilation, generated sources included.</param>
    /// <param name="buildProperties">MSBuild properties the analyzer sees (<c>build_property.PublishAot</c>...), as a build passes them.</param>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        compilation
            .WithAnalyzers([new OAuthGenAnalyzer()], new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], new GlobalOptionsProvider(buildProperties ?? new Dictionary<string, string>())),
                onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Global analyzer config options, as the SDK writes them from CompilerVisibleProperty items.</summary>
    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(properties);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }

    /// <summary>The in-box System.Text.Json source generator from the SDK's reference pack.</summary>
    private static ISourceGenerator? LoadJsonSourceGenerator()
    {
        var shared = Path.GetDirectoryName(typeof(object).Assembly.Location)!;            // .../shared/Microsoft.NETCore.App/10.0.x
        var root = Path.GetFullPath(Path.Combine(shared, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var path = Directory.GetDirectories(packs)
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
            .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
            .FirstOrDefault(File.Exists);
        if (path is null) return null;
        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}

internal sealed record GeneratorOutput(
    Compilation Compilation,
    GeneratorRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    /// <summary>Every OAG diagnostic: the analyzer's (the generator reports none, and would show up here if it did).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

    public IEnumerable<Diagnostic> Errors => CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);

    public string Source(string hintName) =>
        Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
