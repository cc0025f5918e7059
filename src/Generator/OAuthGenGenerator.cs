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

        // Diagnostics get their own output, apart from the sources, so reporting them never re-emits a client.
        var diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        var duplicateNames = results
            .Select(static (result, _) => result.AppName)
            .Where(static name => name is not null)
            .Collect()
            .SelectMany(static (names, _) => FindDuplicateNames(names!))
            .WithTrackingName(TrackingNames.AppNames);

        // The compilation is combined in because #pragma warning disable only applies to a diagnostic located in the
        // user's syntax tree: a detached Location.Create(path, span, lines) is reported regardless (dotnet/roslyn#68291),
        // and OAG016-OAG018 are warnings on valid code that users suppress (Consumer.Tests disables OAG018 by pragma and
        // builds with warnings as errors). The cached pipeline holds no trees, so they come from the compilation. To keep
        // that cheap, every diagnostic is gathered into at most one item, present only when there is something to
        // report, paired with the compilation once per run (one pass over its trees). Code without diagnostics has no
        // item, so edits run nothing here; with diagnostics, each edit re-reports them against the edited trees.
        var toReport = diagnostics.Collect()
            .Combine(duplicateNames.Collect())
            .SelectMany(static (pair, _) => pair.Left.IsEmpty && pair.Right.IsEmpty
                ? ImmutableArray<EquatableArray<DiagnosticInfo>>.Empty
                : ImmutableArray.Create(pair.Left.Concat(pair.Right).ToEquatableArray()));
        context.RegisterSourceOutput(toReport.Combine(context.CompilationProvider), ReportDiagnostics);
    }

    private static void ReportDiagnostics(SourceProductionContext context, (EquatableArray<DiagnosticInfo> Diagnostics, Compilation Compilation) pair)
    {
        var treesByPath = LocationInfo.GroupTrees(pair.Compilation);
        foreach (var diagnostic in pair.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic(treesByPath));
        }
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
