using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OAuthGen.CodeFixes;

/// <summary>
/// A fix for one OAG diagnostic whose occurrences are fixed independently: each diagnostic offers at most one code action
/// (its equivalence key is the id, so fix-all batches them).
/// </summary>
public abstract class SingleDiagnosticCodeFixProvider : CodeFixProvider
{
    /// <summary>The id of the diagnostic this provider fixes.</summary>
    protected abstract string DiagnosticId { get; }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds => [DiagnosticId];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (CreateFix(context.Document, root, diagnostic) is { } fix) context.RegisterCodeFix(fix, diagnostic);
        }
    }

    /// <summary>The fix for <paramref name="diagnostic"/>, or <see langword="null"/> when its code cannot be fixed this way.</summary>
    protected abstract CodeAction? CreateFix(Document document, SyntaxNode root, Diagnostic diagnostic);
}
