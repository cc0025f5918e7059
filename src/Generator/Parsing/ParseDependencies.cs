using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// The simple names a parse of one interface depends on: a change to any file declaring one of them (or to the
/// interface's own file, references, options or global usings) may change the model, and nothing else can. They are
/// every name written in the interface's declarations (attribute names also with their <c>Attribute</c> suffix), plus
/// every type the parse looks into, however reached: return, parameter and attribute types, their type arguments,
/// element types, base types and interfaces, containing types (and their base types, whose nested types name lookup
/// also sees), base interfaces and their members, the JSON context.
/// </summary>
internal static class ParseDependencies
{
    /// <summary>
    /// The names, or <see langword="null"/> when the model may depend on something names cannot track: an attribute
    /// argument that is not a literal, <c>typeof</c> or a referenced enum's member (a constant from another file may be
    /// computed from constants in a third), or a declaration outside source.
    /// </summary>
    public static HashSet<string>? Collect(INamedTypeSymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var visited = new Visited(compilation.Assembly);
        if (!AddDeclarations(symbol, compilation, names, cancellationToken)) return null;
        AddType(symbol, names, visited);
        foreach (var attribute in symbol.GetAttributes())
        {
            AddAttribute(attribute, names, visited);
        }
        AddMembers(symbol, names, visited);
        foreach (var type in symbol.AllInterfaces)
        {
            AddType(type, names, visited);
            if (type.DeclaringSyntaxReferences.IsEmpty) continue; // metadata: fixed while the references are
            if (!AddDeclarations(type, compilation, names, cancellationToken)) return null;
            AddMembers(type, names, visited);
        }
        return names;
    }

    private static void AddMembers(INamedTypeSymbol type, HashSet<string> names, Visited visited)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IMethodSymbol method:
                    // Not the attributes of methods and parameters: binding them would cost what the parser saves by
                    // reading them from syntax, and would add nothing. The model takes from them only which OAuthGen
                    // attribute each is (decided by lookup of its written name, already a dependency) and literal
                    // values (AddDeclarations refuses any other argument but a referenced enum's member or typeof,
                    // neither of which the model reads there).
                    AddType(method.ReturnType, names, visited);
                    foreach (var parameter in method.Parameters) AddType(parameter.Type, names, visited);
                    break;
                case IPropertySymbol property:
                    AddType(property.Type, names, visited);
                    break;
                case IEventSymbol @event:
                    AddType(@event.Type, names, visited);
                    break;
                case ITypeSymbol nested:
                    AddType(nested, names, visited);
                    break;
            }
        }
    }

    private static void AddAttribute(AttributeData attribute, HashSet<string> names, Visited visited)
    {
        if (attribute.AttributeClass is { } attributeClass) AddType(attributeClass, names, visited);
        foreach (var argument in attribute.ConstructorArguments) AddConstant(argument, names, visited);
        foreach (var argument in attribute.NamedArguments) AddConstant(argument.Value, names, visited);
    }

    private static void AddConstant(TypedConstant constant, HashSet<string> names, Visited visited)
    {
        if (constant.Type is { } type) AddType(type, names, visited);
        if (constant.Kind == TypedConstantKind.Array)
        {
            foreach (var item in constant.Values) AddConstant(item, names, visited);
        }
        else if (constant.Value is ITypeSymbol value)
        {
            // typeof(...), the JSON context: its members, attributes and base types decide whether it is usable.
            AddType(value, names, visited);
            if (value is INamedTypeSymbol named)
            {
                foreach (var attribute in named.GetAttributes()) AddAttribute(attribute, names, visited);
            }
        }
    }

    private static void AddType(ITypeSymbol? type, HashSet<string> names, Visited visited)
    {
        if (type is null || !visited.Types.Add(type)) return;
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddType(array.ElementType, names, visited);
                return;
            case IPointerTypeSymbol pointer:
                AddType(pointer.PointedAtType, names, visited);
                return;
            case INamedTypeSymbol named:
                names.Add(named.Name);
                foreach (var argument in named.TypeArguments) AddType(argument, names, visited);
                for (var container = named.ContainingType; container is not null; container = container.ContainingType)
                {
                    AddType(container, names, visited);
                }
                // A referenced type's base types and interfaces are fixed while the references are, but for its type
                // arguments (List<Entity> is an IEnumerable<Entity>), added above; only a source type's can change.
                if (!SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, visited.Source)) return;
                AddType(named.BaseType, names, visited);
                foreach (var @interface in named.AllInterfaces) AddType(@interface, names, visited);
                return;
            default:
                names.Add(type.Name);
                return;
        }
    }

    private sealed class Visited(IAssemblySymbol source)
    {
        public IAssemblySymbol Source { get; } = source;

        public HashSet<ITypeSymbol> Types { get; } = new(SymbolEqualityComparer.Default);
    }

    /// <summary>Adds every simple name written in <paramref name="type"/>'s source declarations; false when one is not trackable.</summary>
    private static bool AddDeclarations(INamedTypeSymbol type, Compilation compilation, HashSet<string> names, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            // Declarations only: a default member's body cannot change the model.
            foreach (var node in declaration.DescendantNodes(static node => node is not (BlockSyntax or ArrowExpressionClauseSyntax)))
            {
                switch (node)
                {
                    case AttributeSyntax attribute:
                        if (RightmostName(attribute.Name) is { } attributeName) names.Add(attributeName + "Attribute");
                        break;
                    case SimpleNameSyntax name:
                        names.Add(name.Identifier.ValueText);
                        break;
                    case AttributeArgumentSyntax argument:
                        if (!IsTrackable(argument.Expression, compilation, declaration.SyntaxTree, ref model, cancellationToken)) return false;
                        break;
                }
            }
        }
        return true;
    }

    private static string? RightmostName(NameSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether the value of <paramref name="expression"/> follows from names alone (see <see cref="Collect"/>).</summary>
    private static bool IsTrackable(ExpressionSyntax expression, Compilation compilation, SyntaxTree tree, ref SemanticModel? model,
        CancellationToken cancellationToken)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax:
            case TypeOfExpressionSyntax:
                return true;
            case PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax }:
                return true;
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return AllTrackable(initializer.Expressions, compilation, tree, ref model, cancellationToken);
            case ImplicitArrayCreationExpressionSyntax array:
                return AllTrackable(array.Initializer.Expressions, compilation, tree, ref model, cancellationToken);
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax { Expression: var item } || !IsTrackable(item, compilation, tree, ref model, cancellationToken)) return false;
                }
                return true;
            case MemberAccessExpressionSyntax:
                // An enum member from a reference (BodyFormat.Json, SignatureMethod.RsaSha1): fixed while the references are.
                model ??= compilation.GetSemanticModel(tree);
                return model.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum } field &&
                    field.DeclaringSyntaxReferences.IsEmpty;
            default:
                return false;
        }
    }

    private static bool AllTrackable(SeparatedSyntaxList<ExpressionSyntax> expressions, Compilation compilation, SyntaxTree tree,
        ref SemanticModel? model, CancellationToken cancellationToken)
    {
        foreach (var expression in expressions)
        {
            if (!IsTrackable(expression, compilation, tree, ref model, cancellationToken)) return false;
        }
        return true;
    }
}
