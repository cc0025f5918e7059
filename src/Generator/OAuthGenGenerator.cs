using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Emitting;
using OAuthGen.Generator.Model;
using OAuthGen.Generator.Parsing;

namespace OAuthGen.Generator;

/// <summary>Turns <c>[RemoteApp]</c> partial interfaces into typed OAuth clients.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class OAuthGenGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "OAuthGen.RemoteAppAttribute",
                static (node, _) => node is InterfaceDeclarationSyntax,
                Parser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(model!.HintName, Emitter.Emit(model)));

        // Diagnostics get their own output: a change that only moves a diagnostic must not re-emit source, and vice versa.
        // The compilation is combined in only to turn stored spans back into real locations (so #pragma works); the
        // reporting step is cheap and has nothing to report for valid code.
        var diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Where(static diagnostics => diagnostics.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });

        var appNames = results
            .Select(static (result, _) => result.AppName)
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => FindDuplicateNames(names!))
            .WithTrackingName(TrackingNames.AppNames);
        context.RegisterSourceOutput(appNames.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left) spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }

    private static EquatableArray<DiagnosticInfo> FindDuplicateNames(ImmutableArray<AppNameInfo> names)
    {
        var first = new Dictionary<string, AppNameInfo>();
        var duplicates = new List<DiagnosticInfo>();
        // Order by location so the report is stable whatever order the interfaces arrive in.
        foreach (var name in names.OrderBy(n => n.Location?.FilePath).ThenBy(n => n.Location?.TextSpan.Start))
        {
            if (first.TryGetValue(name.Name, out var original))
            {
                duplicates.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateAppName, name.Location, name.Name, original.InterfaceName));
            }
            else
            {
                first.Add(name.Name, name);
            }
        }
        return duplicates.ToEquatableArray();
    }
}
