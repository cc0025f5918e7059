using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// Reads OAuthGen's attributes on one interface's methods and parameters from their syntax, for the generator.
/// </summary>
/// <remarks>
/// Asking a symbol for its attributes binds every one of them, arguments and their nullable analysis included: on a
/// new compilation that was over half of what parsing an interface cost, for attributes whose arguments are string
/// literals. Here an attribute's name is looked up once per interface (the same lookup the compiler starts with) and a
/// literal argument is read from its token. Whenever the syntax leaves any doubt about what binding would give (an
/// alias, a qualified or generic name, a target specifier, a name both with and without its <c>Attribute</c> suffix,
/// an argument other than a string or <c>null</c> literal, a member of another part or a base interface, an attribute
/// with several arguments), <see cref="TryRead"/> declines and the parser binds that symbol's attributes as before.
/// The analyzer always binds: its diagnostics need the bound attributes' locations.
/// </remarks>
internal sealed class MemberAttributeSyntax(SemanticModel semanticModel, InterfaceDeclarationSyntax declaration, CancellationToken cancellationToken)
{
    // Name lookup inside the interface's body sees what its members' attributes see (nested types included).
    private readonly int _position = declaration.OpenBraceToken.Span.End;
    // Per written name: the attribute class it resolves to, or null when only binding can tell.
    private readonly Dictionary<string, INamedTypeSymbol?> _resolved = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the OAuthGen attributes of <paramref name="symbol"/>, a method of the interface or one of its parameters,
    /// into <paramref name="attributes"/>; <see langword="false"/> when its attributes must be bound instead.
    /// </summary>
    public bool TryRead(ISymbol symbol, List<MemberAttribute> attributes)
    {
        attributes.Clear();
        var references = symbol.DeclaringSyntaxReferences;
        if (references.Length != 1) return false;
        var lists = references[0].GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax { TypeParameterList: null } method when method.Parent == declaration => method.AttributeLists,
            ParameterSyntax { Parent.Parent: MethodDeclarationSyntax { TypeParameterList: null } method } parameter when method.Parent == declaration =>
                parameter.AttributeLists,
            _ => default(SyntaxList<AttributeListSyntax>?),
        };
        if (lists is null) return false;
        foreach (var list in lists.Value)
        {
            // [return: ...] belongs to another symbol, [method: ...] and [param: ...] are rare: binding decides.
            if (list.Target is not null) return false;
            foreach (var attribute in list.Attributes)
            {
                if (attribute.Name is not IdentifierNameSyntax name || Resolve(name) is not { } type) return false;
                if (!IsOAuthGenType(type)) continue; // not the model's: whatever it is, the parser ignores it
                if (!TryReadArgument(attribute, out var argument)) return false;
                attributes.Add(new MemberAttribute(type.Name, argument, Data: null));
            }
        }
        return true;
    }

    /// <summary>
    /// The one type <paramref name="name"/> can mean as an attribute: C# looks up the name and the name with the
    /// <c>Attribute</c> suffix; exactly one type found by exactly one of the two is certain, anything else is binding's.
    /// </summary>
    private INamedTypeSymbol? Resolve(IdentifierNameSyntax name)
    {
        if (name.Identifier.IsVerbatimIdentifier()) return null; // @Get looks up Get only
        var text = name.Identifier.ValueText;
        if (_resolved.TryGetValue(text, out var type)) return type;
        var plain = semanticModel.LookupNamespacesAndTypes(_position, name: text);
        var suffixed = semanticModel.LookupNamespacesAndTypes(_position, name: text + "Attribute");
        var found = plain.Length + suffixed.Length == 1 ? (plain.IsEmpty ? suffixed[0] : plain[0]) : null;
        type = found is INamedTypeSymbol { IsGenericType: false } named ? named : null;
        _resolved.Add(text, type);
        return type;
    }

    // The same test as the parser's for bound attributes (Parser.OAuthGenAttributeName), so both readings agree.
    private static bool IsOAuthGenType(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "OAuthGen", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>No argument, or one positional string or <c>null</c> literal: what the endpoint attributes take.</summary>
    private static bool TryReadArgument(AttributeSyntax attribute, out object? value)
    {
        value = null;
        if (attribute.ArgumentList is not { } list || list.Arguments.Count == 0) return true;
        if (list.Arguments.Count != 1) return false;
        var argument = list.Arguments[0];
        if (argument.NameEquals is not null || argument.NameColon is not null) return false;
        switch (argument.Expression)
        {
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                value = literal.Token.ValueText;
                return true;
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression }:
                return true;
            default:
                return false;
        }
    }
}
