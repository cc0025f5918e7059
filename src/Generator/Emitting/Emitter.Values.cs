using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Emitting;

// Path, query, field and header values become text through code written for their type (ValueModel): a value type is
// never boxed, nothing is type-tested at run time, and a null is tested only where the type can hold one.
internal static partial class Emitter
{
    private const string Values = "GeneratedValue.";

    /// <summary>The text of <paramref name="value"/>, an expression of the format's type that is not null.</summary>
    private static string FormatExpression(ValueFormat format, string value) => format switch
    {
        ValueFormat.Text => value,
        ValueFormat.Boolean or ValueFormat.RoundTrip or ValueFormat.Uri => $"{Values}Format({value})",
        ValueFormat.Invariant => $"{Values}FormatInvariant({value})",
        ValueFormat.Enum => $"{Values}FormatEnum({value})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>
    /// The escaped path segment for <paramref name="parameter"/>. A missing value reaches <c>PathSegment</c> as null, which
    /// throws <c>ArgumentNullException</c>. No pattern variable here: a placeholder may appear twice in a template.
    /// </summary>
    private static string PathSegmentExpression(ParameterModel parameter)
    {
        var value = parameter.Value!.Value;
        var identifier = parameter.Identifier;
        var text = value.Format == ValueFormat.Text
            ? identifier
            : value.Nullability switch
            {
                ValueNullability.NullableValue => $"{identifier}.HasValue ? {FormatExpression(value.Format, identifier + ".GetValueOrDefault()")} : null",
                ValueNullability.Reference => $"{identifier} is null ? null : {FormatExpression(value.Format, identifier)}",
                _ => FormatExpression(value.Format, identifier),
            };
        return $"GeneratedRequest.PathSegment({text}, {CSharpText.Literal(parameter.Key!)})";
    }

    /// <summary>Adds a <c>[Header]</c> parameter; a null value adds nothing.</summary>
    private static void EmitHeader(SourceWriter writer, Locals locals, string request, ParameterModel parameter)
    {
        var value = parameter.Value!.Value;
        var add = $"GeneratedRequest.AddHeader({request}, {CSharpText.Literal(parameter.Key!)}, ";
        if (value.Format == ValueFormat.Text)
        {
            // AddHeader itself leaves a null string out.
            writer.Line(add + parameter.Identifier + ");");
            return;
        }
        EmitUnlessNull(writer, locals, parameter.Identifier, "__" + parameter.Identifier.TrimStart('@'), value.Nullability,
            text => $"{add}{FormatExpression(value.Format, text)});");
    }

    /// <summary>Adds a query or field parameter to <paramref name="pairs"/>: nothing for null, one pair per item of a sequence.</summary>
    private static void EmitPair(SourceWriter writer, Locals locals, string pairs, ParameterModel parameter)
    {
        var value = parameter.Value!.Value;
        var key = CSharpText.Literal(parameter.Key!);
        string Add(string text) => $"{pairs}.Add(new({key}, {FormatExpression(value.Format, text)}));";
        var name = parameter.Identifier.TrimStart('@');
        if (!value.IsSequence)
        {
            EmitUnlessNull(writer, locals, parameter.Identifier, "__" + name, value.Nullability, Add);
            return;
        }

        var guarded = value.Nullability != ValueNullability.Never;
        if (guarded) writer.OpenBlock($"if ({parameter.Identifier} is not null)");
        var item = locals.Pick("__" + name + "Item");
        writer.OpenBlock($"foreach (var {item} in {parameter.Identifier})");
        EmitUnlessNull(writer, locals, item, "__" + name + "Value", value.ItemNullability, Add);
        writer.CloseBlock();
        if (guarded) writer.CloseBlock();
    }

    /// <summary>
    /// Writes <paramref name="statement"/> for <paramref name="value"/>, behind a null test when its type can be null; a
    /// <c>Nullable&lt;T&gt;</c> is unwrapped into a fresh local (<paramref name="unwrapped"/>, or a free name like it) so the
    /// statement formats the <c>T</c> itself.
    /// </summary>
    private static void EmitUnlessNull(SourceWriter writer, Locals locals, string value, string unwrapped, ValueNullability nullability,
        System.Func<string, string> statement)
    {
        switch (nullability)
        {
            case ValueNullability.Never:
                writer.Line(statement(value));
                break;
            case ValueNullability.Reference:
                writer.Line($"if ({value} is not null) {statement(value)}");
                break;
            default:
                var local = locals.Pick(unwrapped);
                writer.Line($"if ({value} is {{ }} {local}) {statement(local)}");
                break;
        }
    }
}
