using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    /// <param name="path">The segments of <paramref name="template"/> (up to its first error).</param>
    private EquatableArray<ParameterModel> ParseParameters(IMethodSymbol method, string httpMethod, string? template,
        List<PathSegment> path, AttributeData? verb)
    {
        // The placeholders no parameter has claimed yet, each name once, in template order.
        var placeholders = _placeholders;
        placeholders.Clear();
        foreach (var segment in path)
        {
            if (segment.IsPlaceholder && IndexOf(placeholders, template!, template!, segment.Start, segment.Length) < 0) placeholders.Add(segment);
        }
        var symbols = method.Parameters;
        if (symbols.IsEmpty && placeholders.Count == 0) return EquatableArray<ParameterModel>.Empty;
        var parameters = new ParameterModel[symbols.Length];
        var count = 0;
        var special = 0; // bit per ParameterKind: the kinds that may appear once
        var bodyParameter = (string?)null;
        var hasBody = httpMethod is not ("GET" or "HEAD");

        foreach (var parameter in symbols)
        {
            var type = parameter.Type;
            var identifier = CSharpText.Identifier(parameter.Name);
            if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedMethod, At(parameter), method.Name, $"parameter '{parameter.Name}' is ref, out or in");
                continue;
            }

            MemberAttribute? binding = null;
            var bindingCount = 0;
            foreach (var attribute in ReadAttributes(parameter, _parameterAttributes))
            {
                if (IsBindingAttribute(attribute.Name) && bindingCount++ == 0) binding = attribute;
            }
            var placeholder = placeholders.Count == 0 ? -1 : IndexOf(placeholders, template!, parameter.Name, 0, parameter.Name.Length);
            var isPlaceholder = placeholder >= 0;
            if (isPlaceholder) placeholders.RemoveAt(placeholder);
            var isCancellation = KnownTypes.Is(type, _known.CancellationToken);
            var isToken = KnownTypes.Is(type, _known.OAuthToken);
            if (bindingCount + (isPlaceholder ? 1 : 0) + (isCancellation || isToken ? 1 : 0) > 1)
            {
                Report(DiagnosticDescriptors.ParameterBoundTwice, At(parameter), parameter.Name, BindingNames(parameter, isPlaceholder, isCancellation, isToken));
                continue;
            }

            ParameterModel? model;
            if (isCancellation || isToken)
            {
                // CancellationToken is a struct: never annotated, always this text.
                model = isCancellation
                    ? new ParameterModel(identifier, "global::System.Threading.CancellationToken", ParameterKind.CancellationToken, null, null)
                    : new ParameterModel(identifier, _typeNames.Get(type), ParameterKind.Token, null, null);
            }
            else if (isPlaceholder)
            {
                model = RequireScalar(parameter, "a path segment", sequenceAllowed: false)
                    ? new ParameterModel(identifier, _typeNames.Get(type), ParameterKind.Path, parameter.Name, null, ValueOf(type))
                    : null;
            }
            else if (binding is null)
            {
                if (_known.IsScalar(type) || _known.IsScalarSequence(type))
                {
                    model = new ParameterModel(identifier, _typeNames.Get(type), ParameterKind.Query, parameter.Name, null, ValueOf(type));
                }
                else
                {
                    Report(DiagnosticDescriptors.ParameterNotBound, At(parameter),
                        hasBody ? Property(DiagnosticProperties.BodyAllowed, "true") : null, parameter.Name, type.ToDisplayString());
                    model = null;
                }
            }
            else
            {
                model = ParseBinding(parameter, binding.Value, identifier);
            }
            if (model is null) continue;

            if (model.Kind is ParameterKind.CancellationToken or ParameterKind.Token or ParameterKind.TokenName)
            {
                var bit = 1 << (int)model.Kind;
                if ((special & bit) != 0)
                {
                    var what = model.Kind switch
                    {
                        ParameterKind.CancellationToken => "CancellationToken",
                        ParameterKind.Token => "OAuthToken",
                        _ => "[TokenName]",
                    };
                    Report(DiagnosticDescriptors.DuplicateSpecialParameter, At(parameter), method.Name, what);
                    continue;
                }
                special |= bit;
            }
            if (model.Kind is ParameterKind.Body or ParameterKind.Field)
            {
                if (!hasBody)
                {
                    Report(DiagnosticDescriptors.BodyOnGet, At(parameter), parameter.Name, method.Name, httpMethod);
                    continue;
                }
                var conflicts = model.Kind == ParameterKind.Body
                    ? bodyParameter is not null
                    : bodyParameter is not null && bodyParameter != "[Field]";
                if (conflicts)
                {
                    Report(DiagnosticDescriptors.ConflictingBody, At(parameter), parameter.Name, method.Name);
                    continue;
                }
                bodyParameter = model.Kind == ParameterKind.Body ? parameter.Name : "[Field]";
            }
            parameters[count++] = model;
        }

        foreach (var placeholder in placeholders)
        {
            var name = placeholder.Text(template!);
            Report(DiagnosticDescriptors.PlaceholderWithoutParameter, AtArgument(verb, 0), Property(DiagnosticProperties.Placeholder, name), name, method.Name);
        }
        // Every skipped parameter was reported as an error, which drops the endpoint: the trimmed copy is never kept.
        if (count < parameters.Length) System.Array.Resize(ref parameters, count);
        return new(parameters);
    }

    /// <summary>The placeholder named <c>text[start..start+length]</c>, compared in place (no substring).</summary>
    private static int IndexOf(List<PathSegment> placeholders, string template, string text, int start, int length)
    {
        for (var i = 0; i < placeholders.Count; i++)
        {
            var placeholder = placeholders[i];
            if (placeholder.Length == length && string.CompareOrdinal(template, placeholder.Start, text, start, length) == 0) return i;
        }
        return -1;
    }

    private static bool IsBindingAttribute(string? name) =>
        name is "QueryAttribute" or "FieldAttribute" or "BodyAttribute" or "HeaderAttribute" or "TokenNameAttribute";

    /// <summary>What binds a parameter twice, for the diagnostic only (<c>CancellationToken, {id}, [Query]</c>).</summary>
    private static string BindingNames(IParameterSymbol parameter, bool isPlaceholder, bool isCancellation, bool isToken)
    {
        var names = new List<string>();
        if (isCancellation || isToken) names.Add(isCancellation ? "CancellationToken" : "OAuthToken");
        if (isPlaceholder) names.Add("{" + parameter.Name + "}");
        foreach (var attribute in parameter.GetAttributes())
        {
            if (IsBindingAttribute(OAuthGenAttributeName(attribute))) names.Add("[" + attribute.AttributeClass!.Name.Replace("Attribute", "") + "]");
        }
        return string.Join(", ", names);
    }

    private ParameterModel? ParseBinding(IParameterSymbol parameter, MemberAttribute binding, string identifier)
    {
        var name = binding.FirstArgument as string;
        var typeName = _typeNames.Get(parameter.Type);
        switch (binding.Name)
        {
            case "QueryAttribute":
                return RequireScalar(parameter, "a query parameter", sequenceAllowed: true)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Query, name ?? parameter.Name, null, ValueOf(parameter.Type))
                    : null;
            case "FieldAttribute":
                return RequireScalar(parameter, "a form field", sequenceAllowed: true)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Field, name ?? parameter.Name, null, ValueOf(parameter.Type))
                    : null;
            case "HeaderAttribute":
                return RequireScalar(parameter, "a header", sequenceAllowed: false)
                    ? new ParameterModel(identifier, typeName, ParameterKind.Header, name ?? parameter.Name, null, ValueOf(parameter.Type))
                    : null;
            case "TokenNameAttribute":
                if (parameter.Type.SpecialType != SpecialType.System_String)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, At(parameter), parameter.Name, parameter.Type.ToDisplayString(), "a token name (use string)");
                    return null;
                }
                return new ParameterModel(identifier, typeName, ParameterKind.TokenName, null, null);
            default:
                var json = binding.FirstArgument is not int format || format == 1;
                var raw = _known.IsRawBody(parameter.Type);
                if (!json && !raw)
                {
                    Report(DiagnosticDescriptors.UnsupportedParameterType, At(parameter), parameter.Name, parameter.Type.ToDisplayString(),
                        "a url-encoded body (use name/value pairs such as a dictionary, or BodyFormat.Json)");
                    return null;
                }
                return new ParameterModel(identifier, typeName, ParameterKind.Body, null, new BodyModel(json, Typed: json && !raw));
        }
    }

    /// <summary>
    /// How a value of <paramref name="type"/> (a scalar, or a sequence of scalars: <see cref="RequireScalar"/> has checked)
    /// becomes text. A string is a scalar even though it enumerates chars.
    /// </summary>
    private ValueModel ValueOf(ITypeSymbol type)
    {
        var nullability = KnownTypes.NullabilityOf(type);
        if (KnownTypes.ScalarFormat(type) is { } format) return new ValueModel(format, nullability, IsSequence: false, ValueNullability.Never);
        var item = _known.ElementType(type)!;
        return new ValueModel(KnownTypes.ScalarFormat(item)!.Value, nullability, IsSequence: true, KnownTypes.NullabilityOf(item));
    }

    private bool RequireScalar(IParameterSymbol parameter, string what, bool sequenceAllowed)
    {
        if (_known.IsScalar(parameter.Type) || sequenceAllowed && _known.IsScalarSequence(parameter.Type)) return true;
        Report(DiagnosticDescriptors.UnsupportedParameterType, At(parameter), parameter.Name, parameter.Type.ToDisplayString(), what);
        return false;
    }
}
