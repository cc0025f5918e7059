using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    private static readonly string[] BindingAttributes = ["Query", "Field", "Body", "Header", "TokenName"];

    private List<ParameterModel> ParseParameters(IMethodSymbol method, string httpMethod, List<PathPart> path,
        LocationInfo? pathLocation, LocationInfo? fallback)
    {
        var placeholders = new HashSet<string>(path.Where(p => p.IsParameter).Select(p => p.Text));
        var parameters = new List<ParameterModel>();
        var special = new HashSet<ParameterKind>();
        var bodyParameter = (string?)null;
        var hasBody = httpMethod is not ("GET" or "HEAD");

        foreach (var parameter in method.Parameters)
        {
            var location = Locate(parameter.Locations.FirstOrDefault()) ?? fallback;
            var type = parameter.Type;
            var typeName = type.ToDisplayString(TypeFormat);
            var identifier = Identifier(parameter.Name);
            if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, location, method.Name, $"parameter '{parameter.Name}' is ref, out or in");
                continue;
            }

            var bindings = parameter.GetAttributes()
                .Where(a => BindingAttributes.Any(b => IsOAuthGenAttribute(a, b + "Attribute")))
                .ToList();
            var isPlaceholder = placeholders.Remove(parameter.Name);
            var bindingNames = bindings.Select(b => "[" + b.AttributeClass!.Name.Replace("Attribute", "") + "]").ToList();
            if (isPlaceholder) bindingNames.Insert(0, "{" + parameter.Name + "}");
            var isCancellation = KnownTypes.Is(type, _known.CancellationToken);
            var isToken = KnownTypes.Is(type, _known.OAuthToken);
            if (isCancellation || isToken) bindingNames.Insert(0, isCancellation ? "CancellationToken" : "OAuthToken");
            if (bindingNames.Count > 1)
            {
                Report(DiagnosticDescriptors.ParameterBoundTwice, location, parameter.Name, string.Join(", ", bindingNames));
                continue;
            }

            ParameterModel? model;
            if (isCancellation || isToken)
            {
                model = new ParameterModel(identifier, typeName, isCancellation ? ParameterKind.CancellationToken : ParameterKind.Token, null, null);
            }
            else if (isPlaceholder)
            {
                model = RequireScalar(parameter, location, "a path segment", sequenceAllowed: false)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Path, parameter.Name, null)
                    : null;
            }
            else if (bindings.Count == 0)
            {
                if (_known.IsScalar(type) || _known.IsScalarSequence(type))
                {
                    model = new ParameterModel(identifier, typeName, ParameterKind.Query, parameter.Name, null);
                }
                else
                {
                    Report(DiagnosticDescriptors.ParameterNotBound, location, parameter.Name, type.ToDisplayString());
                    model = null;
                }
            }
            else
            {
                model = ParseBinding(parameter, bindings[0], identifier, typeName, location);
            }
            if (model is null) continue;

            if (model.Kind is ParameterKind.CancellationToken or ParameterKind.Token or ParameterKind.TokenName && !special.Add(model.Kind))
            {
                var what = model.Kind switch
                {
                    ParameterKind.CancellationToken => "CancellationToken",
                    ParameterKind.Token => "OAuthToken",
                    _ => "[TokenName]",
                };
                Report(DiagnosticDescriptors.DuplicateSpecialParameter, location, method.Name, what);
                continue;
            }
            if (model.Kind is ParameterKind.Body or ParameterKind.Field)
            {
                if (!hasBody)
                {
                    Report(DiagnosticDescriptors.BodyOnGet, location, parameter.Name, method.Name, httpMethod);
                    continue;
                }
                var conflicts = model.Kind == ParameterKind.Body
                    ? bodyParameter is not null
                    : bodyParameter is not null && bodyParameter != "[Field]";
                if (conflicts)
                {
                    Report(DiagnosticDescriptors.ConflictingBody, location, parameter.Name, method.Name);
                    continue;
                }
                bodyParameter = model.Kind == ParameterKind.Body ? parameter.Name : "[Field]";
            }
            parameters.Add(model);
        }

        foreach (var placeholder in placeholders)
        {
            Report(DiagnosticDescriptors.PlaceholderWithoutParameter, pathLocation, placeholder, method.Name);
        }
        return parameters;
    }

    private ParameterModel? ParseBinding(IParameterSymbol parameter, AttributeData binding, string identifier, string typeName,
        LocationInfo? location)
    {
        var name = binding.ConstructorArguments.FirstOrDefault().Value as string;
        switch (binding.AttributeClass!.Name)
        {
            case "QueryAttribute":
                return RequireScalar(parameter, location, "a query parameter", sequenceAllowed: true)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Query, name ?? parameter.Name, null)
                    : null;
            case "FieldAttribute":
                return RequireScalar(parameter, location, "a form field", sequenceAllowed: true)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Field, name ?? parameter.Name, null)
                    : null;
            case "HeaderAttribute":
                return RequireScalar(parameter, location, "a header", sequenceAllowed: false)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Header, name ?? parameter.Name, null)
                    : null;
            case "TokenNameAttribute":
                if (parameter.Type.SpecialType != SpecialType.System_String)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), "a token name (use string)");
                    return null;
                }
                return new ParameterModel(identifier, typeName, ParameterKind.TokenName, null, null);
            default:
                var json = binding.ConstructorArguments.FirstOrDefault().Value is not int format || format == 1;
                var raw = _known.IsRawBody(parameter.Type);
                if (!json && !raw)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(),
                        "a url-encoded body (use name/value pairs such as a dictionary, or BodyFormat.Json)");
                    return null;
                }
                return new ParameterModel(identifier, typeName, ParameterKind.Body, null, new BodyModel(json, Typed: json && !raw));
        }
    }

    private bool RequireScalar(IParameterSymbol parameter, LocationInfo? location, string what, bool sequenceAllowed)
    {
        if (_known.IsScalar(parameter.Type) || sequenceAllowed && _known.IsScalarSequence(parameter.Type)) return true;
        Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, parameter.Type.ToDisplayString(), what);
        return false;
    }
}
