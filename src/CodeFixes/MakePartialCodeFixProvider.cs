using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OAuthGen.CodeFixes;

/// <summary>Fixes OAG001 by adding <c>partial</c> to the interface (or the containing type) the diagnostic points at.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : SingleDiagnosticCodeFixProvider
{
    /// <summary>The id of the generator's "must be partial" diagnostic.</summary>
    public const string NotPartialId = "OAG001";

    /// <inheritdoc/>
    protected override string DiagnosticId => NotPartialId;

    /// <inheritdoc/>
    protected override CodeAction? CreateFix(Document document, SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration
            || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return null;
        }
        return CodeAction.Create($"Make '{declaration.Identifier.ValueText}' partial",
            cancellationToken => AddPartialAsync(document, declaration, cancellationToken), equivalenceKey: NotPartialId);
    }

    private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(declaration, AddPartial(declaration)));
    }

    /// <summary>Adds <c>partial</c> as the last modifier (C# requires it right before the type keyword), keeping trivia in place.</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }
        // No modifiers: the indentation sits on the keyword; move it to 'partial' so the line reads "partial interface".
        var keyword = declaration.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial));
    }
}
