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

/// <summary>
/// Fixes OAG018 by removing <c>ConsumerSecret = "..."</c> from <c>[RemoteApp]</c> and, when there is none, adding
/// <c>AppKey = "GitHub"</c> (the interface name without its <c>I</c>), so the secret is read from configuration:
/// <c>GitHub:ConsumerSecret</c> or <c>GITHUB_CONSUMER_SECRET</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSecretToConfigurationCodeFixProvider)), Shared]
public sealed class MoveSecretToConfigurationCodeFixProvider : SingleDiagnosticCodeFixProvider
{
    /// <summary>The id of the "consumer secret in source code" diagnostic.</summary>
    public const string SecretInCodeId = "OAG018";

    /// <inheritdoc/>
    protected override string DiagnosticId => SecretInCodeId;

    /// <inheritdoc/>
    protected override CodeAction? CreateFix(Document document, SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Parent.Parent: AttributeSyntax attribute } argument) return null;
        return CodeAction.Create("Read ConsumerSecret from configuration (AppKey)",
            cancellationToken => MoveAsync(document, attribute, argument, cancellationToken), equivalenceKey: SecretInCodeId);
    }

    private static async Task<Document> MoveAsync(Document document, AttributeSyntax attribute, AttributeArgumentSyntax secret, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var arguments = attribute.ArgumentList!.Arguments;
        var last = arguments.Last();
        // The separator and indentation the attribute already uses, for an added argument on its own line or not.
        var separator = arguments.SeparatorCount > 0
            ? arguments.GetSeparator(arguments.SeparatorCount - 1)
            : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var leading = arguments.Count > 1 ? last.GetLeadingTrivia() : SyntaxFactory.TriviaList();
        arguments = arguments.Remove(secret);
        if (!arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "AppKey") &&
            attribute.FirstAncestorOrSelf<InterfaceDeclarationSyntax>() is { } declaration)
        {
            var appKey = SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("AppKey")),
                    nameColon: null,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(AppKeyFor(declaration.Identifier.ValueText))))
                .WithLeadingTrivia(leading);
            var nodes = arguments.ToList();
            var separators = arguments.GetSeparators().ToList();
            // The last argument's trailing trivia (a line break before ')') moves to the new last argument.
            var trailing = nodes[nodes.Count - 1].GetTrailingTrivia();
            nodes[nodes.Count - 1] = nodes[nodes.Count - 1].WithTrailingTrivia();
            nodes.Add(appKey.WithTrailingTrivia(trailing));
            separators.Add(separator);
            arguments = SyntaxFactory.SeparatedList(nodes, separators);
        }
        return document.WithSyntaxRoot(root!.ReplaceNode(attribute.ArgumentList, attribute.ArgumentList.WithArguments(arguments)));
    }

    /// <summary><c>IGitHub</c> → <c>GitHub</c>: the configuration section the samples use.</summary>
    private static string AppKeyFor(string interfaceName) =>
        interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName.Substring(1) : interfaceName;
}
