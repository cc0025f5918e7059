using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    /// <summary>Every abstract member of the interface and of its own base interfaces (IRemoteApp is the runtime's).</summary>
    /// <param name="fullName">The interface's <c>global::</c> name, the declaring interface of its own methods.</param>
    private EquatableArray<EndpointModel> ParseEndpoints(INamedTypeSymbol symbol, string fullName)
    {
        // Sized for the interface's own members; base interfaces grow it. Non-methods and errors leave slots unused.
        var members = symbol.GetMembers();
        var endpoints = new EndpointModel[members.Length];
        var count = ParseEndpoints(members, fullName, ref endpoints, 0);
        foreach (var type in symbol.AllInterfaces)
        {
            if (IsRuntimeInterface(type)) continue;
            if (HasRemoteAppAttribute(type))
            {
                // Its client is generated on its own; a second one would hide its Create (CS0108) and mix two apps.
                Report(DiagnosticDescriptors.DerivesFromRemoteApp, _interfaceLocation, symbol.Name, type.Name);
                continue;
            }
            var inherited = type.GetMembers();
            if (inherited.IsEmpty) continue;
            Array.Resize(ref endpoints, count + inherited.Length);
            count = ParseEndpoints(inherited, _typeNames.Get(type), ref endpoints, count);
        }
        if (count == 0) return EquatableArray<EndpointModel>.Empty;
        if (count < endpoints.Length) Array.Resize(ref endpoints, count);
        return new(endpoints);
    }

    /// <returns>The number of endpoints in <paramref name="endpoints"/> after adding those of <paramref name="members"/>.</returns>
    private int ParseEndpoints(ImmutableArray<ISymbol> members, string declaringInterface, ref EndpointModel[] endpoints, int count)
    {
        foreach (var member in members)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            // Nested types, compiler-made members and accessors (reported with their property or event) are no part of the
            // client; nor is what this generator added (the analyzer sees the compilation after generation).
            if (member is ITypeSymbol || member.IsImplicitlyDeclared || member is IMethodSymbol { AssociatedSymbol: not null } ||
                IsGenerated(member)) continue;
            if (_known.ReservedBy(member) is { } reservedBy)
            {
                Report(DiagnosticDescriptors.ReservedName, At(member), member.Name, reservedBy);
                continue;
            }
            if (member.IsStatic)
            {
                // The generated class cannot implement it for the user (CS0535), and the interface could no longer be the
                // type argument of IRemoteAppFactory (CS8920). Static members with bodies are fine.
                if (member.IsAbstract || member.IsVirtual) Report(DiagnosticDescriptors.StaticAbstractMember, At(member), member.Name);
                continue;
            }
            // A default interface member has a body: the client inherits it.
            if (!member.IsAbstract) continue;
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                Report(DiagnosticDescriptors.NotMethod, At(member), member.Name);
                continue;
            }
            if (ParseEndpoint(method, declaringInterface) is { } endpoint) endpoints[count++] = endpoint;
        }
        return count;
    }

    /// <summary>
    /// Whether this generator declared <paramref name="member"/>: its file is under the generator's folder
    /// (<c>OAuthGen.Generator/OAuthGen.Generator.OAuthGenGenerator/</c>, in builds and in the IDE alike).
    /// </summary>
    private static bool IsGenerated(ISymbol member)
    {
        if (!member.IsStatic) return false; // the generator adds statics only
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.IndexOf(GeneratedFolder, StringComparison.Ordinal) < 0) return false;
        }
        return !member.DeclaringSyntaxReferences.IsEmpty;
    }

    private static readonly string GeneratedFolder = typeof(OAuthGenGenerator).FullName;

    private static bool HasRemoteAppAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (IsRemoteAppAttribute(attribute)) return true;
        }
        return false;
    }

    private static bool IsRuntimeInterface(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "OAuthGen", ContainingNamespace.IsGlobalNamespace: true } &&
        type.Name is "IRemoteApp" or "IRemoteAppFactory";

    private EndpointModel? ParseEndpoint(IMethodSymbol method, string declaringInterface)
    {
        var errorsBefore = _errorCount;

        var attributes = ReadAttributes(method, _methodAttributes);
        MemberAttribute verb = default;
        string? httpMethod = null;
        var verbCount = 0;
        string? responseContentType = null;
        var hasHeaders = false;
        foreach (var attribute in attributes)
        {
            switch (attribute.Name)
            {
                case "GetAttribute": Verb(attribute, "GET"); break;
                case "PostAttribute": Verb(attribute, "POST"); break;
                case "PutAttribute": Verb(attribute, "PUT"); break;
                case "PatchAttribute": Verb(attribute, "PATCH"); break;
                case "DeleteAttribute": Verb(attribute, "DELETE"); break;
                case "HeadAttribute": Verb(attribute, "HEAD"); break;
                case "ContentTypeAttribute":
                    // The first non-blank one wins.
                    if (responseContentType is null && attribute.FirstArgument is string contentType && !string.IsNullOrWhiteSpace(contentType))
                    {
                        responseContentType = contentType;
                    }
                    break;
                case "HeadersAttribute": hasHeaders = true; break;
            }
        }

        void Verb(MemberAttribute attribute, string name)
        {
            if (verbCount++ == 0) (verb, httpMethod) = (attribute, name);
        }

        if (verbCount != 1)
        {
            Report(DiagnosticDescriptors.NoVerb, At(method), method.Name);
            return null;
        }
        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.UnsupportedMethod, At(method), method.Name, "generic methods are not supported");
            return null;
        }

        var template = verb.FirstArgument as string;
        var pathError = PathTemplate.Parse(template, _path);
        if (pathError is not null)
        {
            Report(DiagnosticDescriptors.BadPath, AtArgument(verb.Data, 0), method.Name, pathError);
        }

        var returnModel = ParseReturn(method);
        var parameters = ParseParameters(method, httpMethod!, template, _path, verb.Data);
        // [Headers] takes any number of values: always read from the bound attributes.
        var headers = hasHeaders ? ParseHeaders(method.GetAttributes()) : EquatableArray<HeaderModel>.Empty;

        if (_errorCount > errorsBefore) return null;
        return new EndpointModel(declaringInterface, CSharpText.Identifier(method.Name), returnModel!.Value,
            httpMethod!, template!, responseContentType, headers, parameters);
    }

    /// <summary>The class name of an attribute declared in the <c>OAuthGen</c> namespace (suffix included), else null.</summary>
    private static string? OAuthGenAttributeName(AttributeData attribute) =>
        attribute.AttributeClass is { ContainingNamespace: { Name: "OAuthGen", ContainingNamespace.IsGlobalNamespace: true } } type
            ? type.Name
            : null;

    /// <summary>The first constructor argument's value; <see langword="null"/> for none and for a <c>params</c> array ([Headers]).</summary>
    private static object? FirstArgument(AttributeData attribute) =>
        attribute.ConstructorArguments is { IsEmpty: false } arguments && arguments[0].Kind != TypedConstantKind.Array ? arguments[0].Value : null;

    private ReturnModel? ParseReturn(IMethodSymbol method)
    {
        var type = method.ReturnType;
        // Only a Task can be annotated: ValueTask? is Nullable<ValueTask>, no task shape at all.
        var taskAnnotated = type.NullableAnnotation == NullableAnnotation.Annotated;
        var isValueTask = KnownTypes.Is(type, _known.ValueTask) || KnownTypes.Is(type, _known.ValueTaskOfT);
        ReturnModel? model = null;
        if (KnownTypes.Is(type, _known.Task) || KnownTypes.Is(type, _known.ValueTask))
        {
            model = new ReturnModel(isValueTask, ReturnKind.None, ValueKind.None, null, taskAnnotated);
        }
        else if ((KnownTypes.Is(type, _known.TaskOfT) || KnownTypes.Is(type, _known.ValueTaskOfT)) && type is INamedTypeSymbol { TypeArguments.Length: 1 } task)
        {
            var result = task.TypeArguments[0];
            var responseAnnotated = result.NullableAnnotation == NullableAnnotation.Annotated;
            if (KnownTypes.Is(result, _known.OAuthResponse))
            {
                model = new ReturnModel(isValueTask, ReturnKind.Response, ValueKind.None, null, taskAnnotated, responseAnnotated);
            }
            else if (KnownTypes.Is(result, _known.OAuthResponseOfT) && result is INamedTypeSymbol { TypeArguments.Length: 1 } typed)
            {
                var inner = typed.TypeArguments[0];
                model = ValueKindOf(inner) is { } kind
                    ? new ReturnModel(isValueTask, ReturnKind.TypedResponse, kind, _typeNames.Get(inner), taskAnnotated, responseAnnotated)
                    : null;
            }
            else
            {
                model = ValueKindOf(result) is { } kind ? new ReturnModel(isValueTask, ReturnKind.Value, kind, _typeNames.Get(result), taskAnnotated) : null;
            }
        }
        if (model is null)
        {
            var syntax = Reporting ? FirstSyntaxReference(method)?.GetSyntax(_cancellationToken) as MethodDeclarationSyntax : null;
            Report(DiagnosticDescriptors.BadReturnType, syntax is null ? At(method) : At(syntax.ReturnType), method.Name, type.ToDisplayString());
        }
        return model;
    }

    private static SyntaxReference? FirstSyntaxReference(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences is { IsEmpty: false } references ? references[0] : null;

    private ValueKind? ValueKindOf(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol or IErrorTypeSymbol || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Dynamic) return null;
        if (KnownTypes.Is(type, _known.Task) || KnownTypes.Is(type, _known.TaskOfT) || type.SpecialType == SpecialType.System_Void) return null;
        // Not JSON: OAuthResponse is a return kind of its own, and the others would compile and then fail on the first
        // response (the body is byte[] or string; the whole response, with status and headers, is OAuthResponse).
        // One walk up the base types for all four.
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (KnownTypes.Is(current, _known.OAuthResponse) || KnownTypes.Is(current, _known.Stream) ||
                KnownTypes.Is(current, _known.HttpContent) || KnownTypes.Is(current, _known.HttpResponseMessage)) return null;
        }
        if (type.SpecialType == SpecialType.System_String) return ValueKind.String;
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }) return ValueKind.Bytes;
        if (KnownTypes.Is(type, _known.JsonElement)) return ValueKind.JsonElement;
        if (KnownTypes.Is(type, _known.XElement)) return ValueKind.XElement;
        if (KnownTypes.Is(type, _known.FormData)) return ValueKind.FormData;
        return ValueKind.Json;
    }
}
