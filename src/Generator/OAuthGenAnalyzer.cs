using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OAuthGen.Generator.Model;
using OAuthGen.Generator.Parsing;

namespace OAuthGen.Generator;

/// <summary>
/// Reports every OAGxxx diagnostic, live in the IDE and in <c>dotnet build</c> alike, through the same rules the generator
/// applies (<see cref="Parser"/>): one set of rules, two callers. An analyzer's diagnostics honour <c>#pragma warning</c>
/// and editorconfig severities, and code fixes (including <c>dotnet format analyzers</c>) can act on them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OAuthGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Nothing to check in a compilation that cannot use OAuthGen.
            if (start.Compilation.GetTypeByMetadataName("OAuthGen.RemoteAppAttribute") is null) return;
            var compiledAheadOfTime = IsCompiledAheadOfTime(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var names = new ConcurrentBag<AppName>();
            start.RegisterSymbolAction(symbol =>
            {
                var app = Parser.Analyze((INamedTypeSymbol)symbol.Symbol, symbol.Compilation, symbol.ReportDiagnostic, symbol.CancellationToken);
                if (app is not { } found) return;
                var name = new AppName(found.Name, (INamedTypeSymbol)symbol.Symbol, found.Attribute);
                names.Add(name);
                if (compiledAheadOfTime && found.Model is { JsonContext: null } model && ReflectionJsonType(model) is { } type)
                {
                    symbol.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.JsonWithoutContextUnderAot, name.Location, symbol.Symbol.Name, type));
                }
            }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportDuplicateNames(end, names));
        });
    }

    /// <summary>
    /// Whether the project is compiled ahead of time: <c>PublishAot</c> or <c>IsAotCompatible</c>, which the package makes
    /// visible to analyzers (build/OAuthGen.props). There, a generated client without a JsonContext reaches
    /// System.Text.Json's reflection path, which trimming and native AOT break (IL2026/IL3050 deep in obj/ at publish).
    /// </summary>
    private static bool IsCompiledAheadOfTime(AnalyzerConfigOptions options) =>
        IsTrue(options, "build_property.PublishAot") || IsTrue(options, "build_property.IsAotCompatible");

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>The first type the client would (de)serialize through reflection: a POCO return value or <c>[Body]</c>.</summary>
    private static string? ReflectionJsonType(InterfaceModel model)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.Return.Value == ValueKind.Json) return Display(endpoint.Return.ValueType!);
            foreach (var parameter in endpoint.Parameters)
            {
                if (parameter.Body is { Typed: true }) return Display(parameter.Type);
            }
        }
        return null;
    }

    private static string Display(string globalName) => globalName.Replace("global::", "");

    private sealed record AppName(string Name, INamedTypeSymbol Interface, AttributeData Attribute)
    {
        public Location? Location { get; } = Attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;
    }

    /// <summary>
    /// OAG020 needs every interface, so it is a compilation-end diagnostic: the IDE shows it with full-solution analysis,
    /// the build always. The later of two interfaces in source order gets it, whatever order they were analyzed in.
    /// </summary>
    private static void ReportDuplicateNames(CompilationAnalysisContext context, ConcurrentBag<AppName> names)
    {
        foreach (var group in names.GroupBy(n => n.Name).Where(g => g.Count() > 1))
        {
            var ordered = group.OrderBy(n => n.Location?.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(n => n.Location?.SourceSpan.Start).ToList();
            foreach (var duplicate in ordered.Skip(1))
            {
                var argument = Parser.ArgumentSyntax(duplicate.Attribute, 0, context.CancellationToken);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateAppName,
                    argument?.GetLocation() ?? duplicate.Location, duplicate.Name, ordered[0].Interface.Name));
            }
        }
    }
}
