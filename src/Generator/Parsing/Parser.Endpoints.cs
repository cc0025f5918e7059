using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    // Attribute class names, suffix included: the check runs for every attribute of every method on every edit.
    private static readonly string[] Verbs = ["GetAttribute", "PostAttribute", "PutAttribute", "PatchAttribute", "DeleteAttribute", "HeadAttribute"];

    /// <summary>Every abstract member of the interface and of its own base interfaces (IRemoteApp is the runtime's).</summary>
    private EquatableArray<EndpointModel> ParseEndpoints(INamedTypeSymbol symbol)
    {
        var endpoints = new List<EndpointModel>();
        var interfaces = new[] { symbol }.Concat(symbol.AllInterfaces.Where(i => !IsRuntimeInterface(i)));
        foreach (var type in interfaces)
        {
            var declaringInterface = type.ToDisplayString(TypeFormat);
            foreach (var member in type.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic || !member.IsAbstract) continue;
                var fallback = type.Equals(symbol, SymbolEqualityComparer.Default) ? null : Locate(symbol.Locations.FirstOrDefault());
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    if (member is IMethodSymbol) continue; // accessors are reported with their property or event
                    Report(DiagnosticDescriptors.NotMethod, Locate(member.Locations.FirstOrDefault()) ?? fallback, member.Name);
                    continue;
                }
                if (ParseEndpoint(method, declaringInterface, fallback) is { } endpoint) endpoints.Add(endpoint);
            }
        }
        return endpoints.ToEquatableArray();
    }

    private static bool IsRuntimeInterface(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "OAuthGen", ContainingNamespace.IsGlobalNamespace: true } &&
        type.Name is "IRemoteApp" or "IRemoteAppFactory";

    private EndpointModel? ParseEndpoint(IMethodSymbol method, string declaringInterface, LocationInfo? fallback)
    {
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) as MethodDeclarationSyntax;
        var nameLocation = new DeferredLocation(null, syntax?.Identifier ?? default, fallback);
        var errorsBefore = _diagnostics.Count;

        var verbs = method.GetAttributes().Where(a => Verbs.Any(v => IsOAuthGenAttribute(a, v))).ToList();
        if (verbs.Count != 1)
        {
            Report(DiagnosticDescriptors.NoVerb, nameLocation, method.Name);
            return null;
        }
        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.UnsupportedMethod, nameLocation, method.Name, "generic methods are not supported");
            return null;
        }

        var verb = verbs[0];
        var httpMethod = verb.AttributeClass!.Name.Substring(0, verb.AttributeClass.Name.Length - "Attribute".Length).ToUpperInvariant();
        var template = verb.ConstructorArguments.Length > 0 ? verb.ConstructorArguments[0].Value as string : null;
        var path = PathTemplate.Parse(template, out var pathError);
        if (pathError is not null)
        {
            Report(DiagnosticDescriptors.BadPath, ArgumentLocation(verb, 0), method.Name, pathError);
        }

        var returnModel = ParseReturn(method, syntax, nameLocation);
        var parameters = ParseParameters(method, httpMethod, path, verb, fallback);
        var responseContentType = method.GetAttributes()
            .Where(a => IsOAuthGenAttribute(a, "ContentTypeAttribute"))
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string)
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var headers = ParseHeaders(method.GetAttributes());

        if (_diagnostics.Skip(errorsBefore).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)) return null;
        var parts = path.Select(p => p.IsParameter ? new PathPart(true, parameters.First(x => x.Kind == ParameterKind.Path && x.Key == p.Text).Identifier) : p);
        return new EndpointModel(declaringInterface, Identifier(method.Name), method.ReturnType.ToDisplayString(TypeFormat), returnModel!,
            httpMethod, parts.ToEquatableArray(), responseContentType, headers, parameters.ToEquatableArray());
    }

    private ReturnModel? ParseReturn(IMethodSymbol method, MethodDeclarationSyntax? syntax, DeferredLocation fallback)
    {
        var type = method.ReturnType;
        var isValueTask = KnownTypes.Is(type, _known.ValueTask) || KnownTypes.Is(type, _known.ValueTaskOfT);
        ReturnModel? model = null;
        if (KnownTypes.Is(type, _known.Task) || KnownTypes.Is(type, _known.ValueTask))
        {
            model = new ReturnModel(isValueTask, ReturnKind.None, ValueKind.None, null);
        }
        else if ((KnownTypes.Is(type, _known.TaskOfT) || KnownTypes.Is(type, _known.ValueTaskOfT)) && type is INamedTypeSymbol { TypeArguments.Length: 1 } task)
        {
            var result = task.TypeArguments[0];
            if (KnownTypes.Is(result, _known.OAuthResponse))
            {
                model = new ReturnModel(isValueTask, ReturnKind.Response, ValueKind.None, null);
            }
            else if (KnownTypes.Is(result, _known.OAuthResponseOfT) && result is INamedTypeSymbol { TypeArguments.Length: 1 } typed)
            {
                var inner = typed.TypeArguments[0];
                model = ValueKindOf(inner) is { } kind ? new ReturnModel(isValueTask, ReturnKind.TypedResponse, kind, inner.ToDisplayString(TypeFormat)) : null;
            }
            else
            {
                model = ValueKindOf(result) is { } kind ? new ReturnModel(isValueTask, ReturnKind.Value, kind, result.ToDisplayString(TypeFormat)) : null;
            }
        }
        if (model is null)
        {
            Report(DiagnosticDescriptors.BadReturnType, Locate(syntax?.ReturnType) ?? Resolve(fallback), method.Name, type.ToDisplayString());
        }
        return model;
    }

    private ValueKind? ValueKindOf(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol or IErrorTypeSymbol || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Dynamic) return null;
        if (KnownTypes.DerivesFrom(type, _known.OAuthResponse) || KnownTypes.Is(type, _known.Task) || KnownTypes.Is(type, _known.TaskOfT)) return null;
        if (type.SpecialType == SpecialType.System_Void) return null;
        // Not JSON: these would compile and then fail on the first response. The body is byte[] or string; the whole
        // response (status, headers, parsed data) is OAuthResponse.
        if (KnownTypes.DerivesFrom(type, _known.Stream) || KnownTypes.DerivesFrom(type, _known.HttpContent) ||
            KnownTypes.DerivesFrom(type, _known.HttpResponseMessage)) return null;
        if (type.SpecialType == SpecialType.System_String) return ValueKind.String;
        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }) return ValueKind.Bytes;
        if (KnownTypes.Is(type, _known.JsonElement)) return ValueKind.JsonElement;
        if (KnownTypes.Is(type, _known.XElement)) return ValueKind.XElement;
        if (KnownTypes.Is(type, _known.FormData)) return ValueKind.FormData;
        return ValueKind.Json;
    }
}
