using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// The rules of a <c>[RemoteApp]</c> interface, with two callers: the generator turns the interface into a value-equal
/// <see cref="InterfaceModel"/> (nothing in it holds a symbol, syntax node or compilation, so unchanged interfaces stay
/// cached across edits) or <see langword="null"/> when a rule rejects it; the analyzer reports every broken rule.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Types as C# writes them in generated code: <c>global::</c>-qualified, keywords for special types, with <c>?</c>.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    // The analyzer's sink. The generator passes none: it only needs to know whether the interface has an error, so every
    // location and report is skipped there (the analyzer reports them, at the same spans, live in the IDE).
    private readonly Action<Diagnostic>? _report;
    private readonly TypeNames _typeNames = new();
    // Per-method scratch, reused for every method of the interface.
    private readonly List<PathSegment> _path = [];
    private readonly List<PathSegment> _placeholders = [];
    private readonly List<MemberAttribute> _methodAttributes = [];
    private readonly List<MemberAttribute> _parameterAttributes = [];
    // The generator's reader of member attributes from syntax; the analyzer binds them (see MemberAttributeSyntax).
    private MemberAttributeSyntax? _attributeSyntax;
    // Where a member declared in metadata (a base interface from a reference) is reported: the interface's name.
    private Location? _interfaceLocation;
    private int _errorCount;

    private Parser(Compilation compilation, Action<Diagnostic>? report, CancellationToken cancellationToken)
    {
        _known = KnownTypes.For(compilation);
        _report = report;
        _cancellationToken = cancellationToken;
    }

    private bool HasErrors => _errorCount > 0;

    /// <summary>Whether diagnostics are wanted (the analyzer), rather than only the model (the generator).</summary>
    private bool Reporting => _report is not null;

    /// <summary>The ForAttributeWithMetadataName transform: the model to emit, or <see langword="null"/> when a rule rejects the interface.</summary>
    public static InterfaceModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        // [RemoteApp] on two parts of one partial interface (CS0579) calls the transform once per part: emitting for
        // either would add the same file twice, which fails the whole generator run (CS8785).
        if (CountRemoteAppAttributes(symbol) != 1) return null;
        var compilation = context.SemanticModel.Compilation;
        var declaration = (InterfaceDeclarationSyntax)context.TargetNode;
        // An edit elsewhere leaves most interfaces as they were: reuse their parse when nothing it depends on changed.
        if (ReusedParses.TryGet(declaration, compilation, out var reused)) return reused;
        var parser = new Parser(compilation, report: null, cancellationToken)
        {
            _attributeSyntax = new MemberAttributeSyntax(context.SemanticModel, declaration, cancellationToken),
        };
        var model = parser.ParseInterface(symbol, declaration, context.Attributes[0]);
        ReusedParses.Store(declaration, symbol, compilation, model, cancellationToken);
        return model;
    }

    /// <summary>
    /// Reports every rule <paramref name="symbol"/> breaks (the analyzer's entry: the same checks as <see cref="Parse"/>).
    /// </summary>
    /// <returns>The app name and its attribute, to find names used twice; <see langword="null"/> when it is no remote app.</returns>
    public static (string Name, AttributeData Attribute, InterfaceModel? Model)? Analyze(INamedTypeSymbol symbol, Compilation compilation,
        Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (symbol.TypeKind != TypeKind.Interface) return null;
        AttributeData? remoteApp = null;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!IsRemoteAppAttribute(attribute)) continue;
            // A second one is the compiler's CS0579, at that attribute; the generator emits nothing then.
            if (remoteApp is not null) return null;
            remoteApp = attribute;
        }
        if (remoteApp?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { Parent.Parent: InterfaceDeclarationSyntax syntax })
        {
            return null;
        }
        var model = new Parser(compilation, report, cancellationToken).ParseInterface(symbol, syntax, remoteApp);
        return FirstArgument(remoteApp) is string name ? (name, remoteApp, model) : null;
    }

    private static int CountRemoteAppAttributes(INamedTypeSymbol symbol)
    {
        var count = 0;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsRemoteAppAttribute(attribute)) count++;
        }
        return count;
    }

    private static bool IsRemoteAppAttribute(AttributeData attribute) => OAuthGenAttributeName(attribute) == "RemoteAppAttribute";

    private InterfaceModel? ParseInterface(INamedTypeSymbol symbol, InterfaceDeclarationSyntax syntax, AttributeData attribute)
    {
        _interfaceLocation = Reporting ? syntax.Identifier.GetLocation() : null;
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(DiagnosticDescriptors.NotPartial, _interfaceLocation, symbol.Name);
        }
        if (symbol.IsGenericType || HasGenericContainer(symbol))
        {
            Report(DiagnosticDescriptors.Generic, _interfaceLocation, symbol.Name);
        }
        if (!IsVisibleInAssembly(symbol))
        {
            Report(DiagnosticDescriptors.Inaccessible, _interfaceLocation, symbol.Name);
        }
        var containingTypes = ParseContainingTypes(symbol);

        var app = ParseRemoteApp(attribute);
        var headers = ParseHeaders(symbol.GetAttributes());
        var fullName = _typeNames.Get(symbol);
        var endpoints = ParseEndpoints(symbol, fullName);

        return HasErrors ? null : new InterfaceModel(
            symbol.ContainingNamespace.IsGlobalNamespace ? null : NamespaceName(symbol.ContainingNamespace),
            containingTypes,
            symbol.Name,
            fullName,
            app.Options,
            app.JsonContext,
            headers,
            endpoints);
    }

    private static bool HasGenericContainer(INamedTypeSymbol symbol)
    {
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType) return true;
        }
        return false;
    }

    /// <summary>
    /// The implementation is a top-level class in a generated file: it can only implement interfaces the whole assembly
    /// sees, and a file-local interface is visible in its own file only.
    /// </summary>
    private static bool IsVisibleInAssembly(INamedTypeSymbol symbol)
    {
        for (var type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal || type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) return false;
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
                Report(DiagnosticDescriptors.NotPartial, At(declaration.Identifier), type.Name);
            }
            var keyword = declaration is RecordDeclarationSyntax record
                ? record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record"
                : declaration.Keyword.ValueText;
            types.Insert(0, new ContainingTypeModel(keyword, CSharpText.Identifier(type.Name)));
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

    /// <summary>
    /// Counts an error (which drops the model) and, for the analyzer, reports it. Locations come from the <c>At</c>
    /// helpers, which look nothing up for the generator.
    /// </summary>
    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] args) =>
        Report(descriptor, location, properties: null, args);

    /// <param name="properties">What a code fix needs to know (<see cref="DiagnosticProperties"/>).</param>
    private void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, params string[] args)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) _errorCount++;
        _report?.Invoke(Diagnostic.Create(descriptor, location, properties, args));
    }

    /// <summary>A one-entry property bag for a code fix, built only when diagnostics are reported.</summary>
    private ImmutableDictionary<string, string?>? Property(string key, string value) =>
        Reporting ? ImmutableDictionary<string, string?>.Empty.Add(key, value) : null;

    /// <summary>Where a member or parameter is declared; the interface's name when it comes from metadata.</summary>
    private Location? At(ISymbol symbol) =>
        !Reporting ? null
        : symbol.Locations is { IsEmpty: false } locations && locations[0].IsInSource ? locations[0]
        : _interfaceLocation;

    private Location? At(SyntaxNode? node) => Reporting ? node?.GetLocation() ?? _interfaceLocation : null;

    private Location? At(SyntaxToken token) => Reporting ? token.GetLocation() : null;

    /// <summary>
    /// The syntax of <paramref name="attribute"/>'s argument at <paramref name="index"/> (an element of a single array
    /// argument, for <c>params</c> attributes written <c>new[] { ... }</c>), else the attribute itself.
    /// </summary>
    private Location? AtArgument(AttributeData? attribute, int index)
    {
        // Attributes read from syntax have no AttributeData; they are read for the generator only, which reports nothing.
        if (!Reporting || attribute is null) return null;
        return ArgumentSyntax(attribute, index, _cancellationToken)?.GetLocation() ?? AtAttribute(attribute);
    }

    /// <summary>The expression of positional argument <paramref name="index"/> (see <see cref="AtArgument"/>), if written.</summary>
    public static SyntaxNode? ArgumentSyntax(AttributeData attribute, int index, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list }) return null;
        var positional = new List<AttributeArgumentSyntax>(list.Arguments.Count);
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is null && argument.NameColon is null) positional.Add(argument);
        }
        // A params array written out as one argument (new[] { ... }, [ ... ]): its elements are the arguments.
        if (positional.Count == 1 && ArrayElements(positional[0].Expression) is { } elements)
        {
            return index < elements.Count ? elements[index] : positional[0];
        }
        return index < positional.Count ? positional[index] : null;
    }

    private static IReadOnlyList<SyntaxNode>? ArrayElements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements,
        _ => null,
    };

    /// <summary>The value of <paramref name="attribute"/>'s named argument <paramref name="name"/>, else the attribute itself.</summary>
    private Location? AtNamedArgument(AttributeData attribute, string name)
    {
        if (!Reporting) return null;
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.Expression.GetLocation();
            }
        }
        return AtAttribute(attribute);
    }

    private Location? AtAttribute(AttributeData attribute) =>
        Reporting ? attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation() ?? _interfaceLocation : null;

    /// <summary>
    /// The OAuthGen attributes of a method or parameter, into <paramref name="scratch"/>: from syntax where the
    /// generator can (<see cref="MemberAttributeSyntax"/>), else bound.
    /// </summary>
    private List<MemberAttribute> ReadAttributes(ISymbol symbol, List<MemberAttribute> scratch)
    {
        if (_attributeSyntax?.TryRead(symbol, scratch) == true) return scratch;
        scratch.Clear();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (OAuthGenAttributeName(attribute) is { } name) scratch.Add(new MemberAttribute(name, FirstArgument(attribute), attribute));
        }
        return scratch;
    }

    /// <summary>The namespace's dotted name with each segment escaped (<c>namespace @class.Api</c>).</summary>
    private static string NamespaceName(INamespaceSymbol symbol)
    {
        // One segment (the common case) needs no list and no join.
        if (symbol.ContainingNamespace is { IsGlobalNamespace: true }) return CSharpText.Identifier(symbol.Name);
        var segments = new List<string>();
        for (var current = symbol; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            segments.Insert(0, CSharpText.Identifier(current.Name));
        }
        return string.Join(".", segments);
    }
}
