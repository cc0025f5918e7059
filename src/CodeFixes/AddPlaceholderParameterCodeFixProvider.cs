using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator;

namespace OAuthGen.CodeFixes;

/// <summary>
/// Fixes OAG007 by adding a <c>string</c> parameter named after the placeholder, before the optional and
/// <c>CancellationToken</c> parameters (which conventionally come last).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPlaceholderParameterCodeFixProvider)), Shared]
public sealed class AddPlaceholderParameterCodeFixProvider : CodeFixProvider
{
    /// <summary>The id of the "placeholder has no parameter" diagnostic.</summary>
    public const string PlaceholderWithoutParameterId = "OAG007";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [PlaceholderWithoutParameterId];

    /// <summary>
    /// Several placeholders of one method are several diagnostics on the same template: fixed one by one, each edit would
    /// replace the same parameter list and all but one would be lost, so fix-all adds them per method in one edit.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await AddParametersAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (ParameterName(diagnostic) is not { } name) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add parameter 'string {name}'",
                    cancellationToken => AddParametersAsync(context.Document, [diagnostic], cancellationToken),
                    equivalenceKey: PlaceholderWithoutParameterId),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    /// <summary>The placeholder as a C# parameter name (keywords escaped), or null when it cannot be one (<c>{user-id}</c>).</summary>
    private static string? ParameterName(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Placeholder, out var placeholder) || placeholder is null) return null;
        if (!SyntaxFacts.IsValidIdentifier(placeholder)) return null;
        return SyntaxFacts.GetKeywordKind(placeholder) != SyntaxKind.None ? "@" + placeholder : placeholder;
    }

    private static async Task<Document> AddParametersAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var additions = new Dictionary<MethodDeclarationSyntax, List<(int Position, string Name)>>();
        foreach (var diagnostic in diagnostics)
        {
            if (ParameterName(diagnostic) is not { } name) continue;
            var template = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (template.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method) continue;
            if (!additions.TryGetValue(method, out var names)) additions.Add(method, names = []);
            // In template order, whatever order the diagnostics come in.
            var position = template.ToString().IndexOf("{" + diagnostic.Properties[DiagnosticProperties.Placeholder] + "}", System.StringComparison.Ordinal);
            if (!names.Any(n => n.Name == name)) names.Add((position, name));
        }
        var fixedRoot = root.ReplaceNodes(additions.Keys, (original, rewritten) =>
            AddParameters(rewritten, additions[original].OrderBy(n => n.Position).Select(n => n.Name)));
        return document.WithSyntaxRoot(fixedRoot);
    }

    private static MethodDeclarationSyntax AddParameters(MethodDeclarationSyntax method, IEnumerable<string> names)
    {
        var parameters = method.ParameterList.Parameters.ToList();
        var index = parameters.FindIndex(IsTrailing);
        if (index < 0) index = parameters.Count;
        // Parsed, so "@class" becomes a verbatim identifier.
        parameters.InsertRange(index, names.Select(name =>
            SyntaxFactory.Parameter(SyntaxFactory.ParseToken(name))
                .WithType(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)).WithTrailingTrivia(SyntaxFactory.Space))));
        // Keep the separators written (and their line breaks); new ones are ", ".
        var separators = method.ParameterList.Parameters.GetSeparators().ToList();
        while (separators.Count < parameters.Count - 1)
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        }
        return method.WithParameterList(method.ParameterList.WithParameters(SyntaxFactory.SeparatedList(parameters, separators)));
    }

    /// <summary>Parameters a required one must precede: optional, <c>params</c>, and the cancellation token.</summary>
    private static bool IsTrailing(ParameterSyntax parameter) =>
        parameter.Default is not null ||
        parameter.Modifiers.Any(SyntaxKind.ParamsKeyword) ||
        parameter.Type?.ToString() is "CancellationToken" or "System.Threading.CancellationToken" or "global::System.Threading.CancellationToken";
}
