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

        // Diagnostics get their own output, flattened to one item per diagnostic: valid code has no items, so nothing
        // downstream runs. The compilation is combined in only to turn stored spans back into real locations (so
        // #pragma warning disable works on our warnings).
        var diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), ReportDiagnostic);

        var duplicateNames = results
            .Select(static (result, _) => result.AppName)
            .Where(static name => name is not null)
            .Collect()
            .SelectMany(static (names, _) => FindDuplicateNames(names!))
            .WithTrackingName(TrackingNames.AppNames);
        context.RegisterSourceOutput(duplicateNames.Combine(context.CompilationProvider), ReportDiagnostic);
    }

    private static void ReportDiagnostic(SourceProductionContext context, (DiagnosticInfo Diagnostic, Compilation Compilation) pair) =>
        context.ReportDiagnostic(pair.Diagnostic.ToDiagnostic(pair.Compilation));

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
