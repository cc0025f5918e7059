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
public sealed class AddBodyAttributeCodeFixProvider : SingleDiagnosticCodeFixProvider
{
    /// <summary>The id of the "parameter is not bound" diagnostic.</summary>
    public const string ParameterNotBoundId = "OAG008";

    /// <inheritdoc/>
    protected override string DiagnosticId => ParameterNotBoundId;

    /// <inheritdoc/>
    protected override CodeAction? CreateFix(Document document, SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.BodyAllowed)) return null;
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ParameterSyntax parameter) return null;
        return CodeAction.Create($"Send '{parameter.Identifier.ValueText}' as the request body ([Body])",
            cancellationToken => AddBodyAsync(document, parameter, cancellationToken), equivalenceKey: ParameterNotBoundId);
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
