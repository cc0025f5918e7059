using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[RemoteApp]</c> interface symbol into a value-equal <see cref="InterfaceModel"/> plus diagnostics. Nothing it
/// returns holds a symbol, syntax node or compilation, so unchanged interfaces are cached across edits.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Types as C# writes them in generated code: <c>global::</c>-qualified, keywords for special types, with <c>?</c>.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Compilation _compilation;
    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly TypeNames _typeNames = new();
    // Per-method scratch, reused for every method of the interface.
    private readonly List<PathSegment> _path = [];
    private readonly List<PathSegment> _placeholders = [];
    // The last tree located and its path ordinal: a parse locates in one tree or two (the interface's own file).
    private SyntaxTree? _ordinalTree;
    private int _ordinal;
    // Created on first use: most parses report nothing.
    private List<DiagnosticInfo>? _diagnostics;
    private int _errorCount;

    private Parser(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _known = KnownTypes.For(compilation);
        _cancellationToken = cancellationToken;
    }

    private bool HasErrors => _errorCount > 0;

    /// <summary>The ForAttributeWithMetadataName transform.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parser = new Parser(context.SemanticModel.Compilation, cancellationToken);
        return parser.ParseInterface((INamedTypeSymbol)context.TargetSymbol, (InterfaceDeclarationSyntax)context.TargetNode,
            context.Attributes[0]);
    }

    private ParseResult ParseInterface(INamedTypeSymbol symbol, InterfaceDeclarationSyntax syntax, AttributeData attribute)
    {
        var identifier = Locate(syntax.Identifier);
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(DiagnosticDescriptors.NotPartial, identifier, symbol.Name);
        }
        if (symbol.IsGenericType || HasGenericContainer(symbol))
        {
            Report(DiagnosticDescriptors.Generic, identifier, symbol.Name);
        }
        if (!IsVisibleInAssembly(symbol))
        {
            Report(DiagnosticDescriptors.Inaccessible, identifier, symbol.Name);
        }
        var containingTypes = ParseContainingTypes(symbol);

        var app = ParseRemoteApp(attribute);
        var headers = ParseHeaders(symbol.GetAttributes());
        var fullName = _typeNames.Get(symbol);
        var endpoints = ParseEndpoints(symbol, fullName);

        var model = HasErrors ? null : new InterfaceModel(
            symbol.ContainingNamespace.IsGlobalNamespace ? null : NamespaceName(symbol.ContainingNamespace),
            containingTypes,
            symbol.Name,
            fullName,
            app.Options,
            app.JsonContext,
            headers,
            endpoints);
        var name = app.Name is null ? null : new AppNameInfo(app.Name, symbol.Name, app.NameLocation);
        return new ParseResult(model, name, _diagnostics is null ? EquatableArray<DiagnosticInfo>.Empty : new([.. _diagnostics]));
    }

    private static bool HasGenericContainer(INamedTypeSymbol symbol)
    {
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType) return true;
        }
        return false;
    }

    /// <summary>The implementation is a top-level file class: it can only implement interfaces the whole assembly sees.</summary>
    private static bool IsVisibleInAssembly(INamedTypeSymbol symbol)
    {
        for (ISymbol? type = symbol; type is INamedTypeSymbol; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) return false;
        }
        return true;
    }

    private EquatableArray<ContainingTypeModel> ParseContainingTypes(INamedTypeSymbol symbol)
    {
        if (symbol.ContainingType is null) return EquatableArray<ContainingTypeModel>.Empty;
        var types = new List<ContainingTypeModel>();
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            var declaration = FirstTypeDeclaration(type);
            if (declaration is null) continue;
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.NotPartial, Locate(declaration.Identifier), type.Name);
            }
            var keyword = declaration is RecordDeclarationSyntax record
                ? record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record"
                : declaration.Keyword.ValueText;
            types.Insert(0, new ContainingTypeModel(keyword, Identifier(type.Name)));
        }
        return types.ToEquatableArray();
    }

    private TypeDeclarationSyntax? FirstTypeDeclaration(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax declaration) return declaration;
        }
        return null;
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
    {
        (_diagnostics ??= []).Add(DiagnosticInfo.Create(descriptor, location, args));
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) _errorCount++;
    }

    private void Report(DiagnosticDescriptor descriptor, DeferredLocation location, params string[] args) =>
        Report(descriptor, Resolve(location), args);

    private LocationInfo? Resolve(DeferredLocation location) =>
        (location.Symbol is not null ? Locate(FirstLocation(location.Symbol))
            : location.Token.RawKind != 0 ? Locate(location.Token) : null) ?? location.Fallback;

    /// <summary>
    /// Where a method or parameter diagnostic would point, resolved only when one is reported. Most parses report
    /// nothing, and resolving (a Location, its line span, a LocationInfo) for every method and parameter on every edit
    /// was a sixth of the incremental run's allocations (docs/benchmarks.md).
    /// </summary>
    private readonly struct DeferredLocation(ISymbol? symbol, SyntaxToken token, LocationInfo? fallback)
    {
        /// <summary>The symbol whose first location is meant, or <see langword="null"/>.</summary>
        public ISymbol? Symbol { get; } = symbol;

        /// <summary>The token meant when there is no symbol (default: none).</summary>
        public SyntaxToken Token { get; } = token;

        /// <summary>Where to point when neither resolves.</summary>
        public LocationInfo? Fallback { get; } = fallback;
    }

    /// <summary>The syntax of <paramref name="attribute"/>'s argument at <paramref name="index"/>, or of the attribute itself.</summary>
    private LocationInfo? ArgumentLocation(AttributeData attribute, int index)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax syntax) return null;
        if (syntax.ArgumentList is { } list)
        {
            var position = 0;
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals is not null || argument.NameColon is not null) continue;
                if (position++ == index) return Locate(argument);
            }
        }
        return Locate(syntax);
    }

    /// <summary>The syntax of <paramref name="attribute"/>'s named argument <paramref name="name"/>, or of the attribute itself.</summary>
    private LocationInfo? NamedArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is not AttributeSyntax syntax) return null;
        if (syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return Locate(argument.Expression);
            }
        }
        return Locate(syntax);
    }

    private static Location? FirstLocation(ISymbol symbol) => symbol.Locations is { IsEmpty: false } locations ? locations[0] : null;

    private LocationInfo? Locate(Location? location) =>
        location?.SourceTree is { } tree ? LocationInfo.From(location, PathOrdinal(tree)) : null;

    private LocationInfo? Locate(SyntaxNode? node) => node is null ? null : Locate(node.GetLocation());

    private LocationInfo? Locate(SyntaxToken token) => Locate(token.GetLocation());

    /// <summary>How many trees before <paramref name="tree"/> share its path (see <see cref="LocationInfo.PathOrdinal"/>).</summary>
    private int PathOrdinal(SyntaxTree tree)
    {
        if (tree == _ordinalTree) return _ordinal;
        var ordinal = 0;
        foreach (var other in _compilation.SyntaxTrees)
        {
            if (other == tree) break;
            if (other.FilePath == tree.FilePath) ordinal++;
        }
        (_ordinalTree, _ordinal) = (tree, ordinal);
        return ordinal;
    }

    private LocationInfo? AttributeLocation(AttributeData attribute) =>
        Locate(attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken));

    /// <summary>
    /// A user's name as generated code must write it: with <c>@</c> when it is a keyword, contextual ones included
    /// (<c>await</c> is not a name inside the generated async methods, and <c>@var</c> is always safe).
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>The namespace's dotted name with each segment escaped (<c>namespace @class.Api</c>).</summary>
    private static string NamespaceName(INamespaceSymbol symbol)
    {
        // One segment (the common case) needs no list and no join.
        if (symbol.ContainingNamespace is { IsGlobalNamespace: true }) return Identifier(symbol.Name);
        var segments = new List<string>();
        for (var current = symbol; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            segments.Insert(0, Identifier(current.Name));
        }
        return string.Join(".", segments);
    }
}
