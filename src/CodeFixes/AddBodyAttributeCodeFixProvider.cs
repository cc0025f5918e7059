using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using OAuthGen.Generator;

namespace OAuthGen.CodeFixes;

/// <summary>
/// Fixes OAG008 by sending the parameter as the request body: <c>[Body]</c>. OAG008 is only reported for types that
/// cannot go to the query (a POCO, a dictionary of objects...), so <c>[Query]</c> would only trade it for OAG013; the
/// fix is offered when the request has a body (not GET or HEAD).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddBodyAttributeCodeFixProvider)), Shared]
public sealed class AddBodyAttributeCodeFixProvider : CodeFixProvider
{
    /// <summary>The id of the "parameter is not bound" diagnostic.</summary>
    public const string ParameterNotBoundId = "OAG008";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => [ParameterNotBoundId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.BodyAllowed)) continue;
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ParameterSyntax parameter) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Send '{parameter.Identifier.ValueText}' as the request body ([Body])",
                    cancellationToken => AddBodyAsync(context.Document, parameter, cancellationToken),
                    equivalenceKey: ParameterNotBoundId),
                diagnostic);
        }
    }

    private static async Task<Document> AddBodyAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        // Written in full and simplified to [Body] where 'using OAuthGen;' is in scope.
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::OAuthGen.Body").WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        var withBody = parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, attribute));
        return document.WithSyntaxRoot(root!.ReplaceNode(parameter, withBody));
    }
}
