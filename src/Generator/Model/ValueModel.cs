namespace OAuthGen.Generator.Model;

/// <summary>
/// How a path, query, field or header parameter becomes text: decided once from the parameter's type, so the generated
/// code formats each value through a call typed for it (no boxing into <c>object</c>, no runtime type tests).
/// </summary>
/// <param name="Format">The text form of the value, or of each item of a sequence.</param>
/// <param name="Nullability">Whether the value (the sequence itself, for a sequence) can be null, and how to test it.</param>
/// <param name="IsSequence">A collection sent as one pair per item (repeated names).</param>
/// <param name="ItemNullability">Whether each item can be null (sequences only): null items are left out.</param>
internal readonly record struct ValueModel(ValueFormat Format, ValueNullability Nullability, bool IsSequence, ValueNullability ItemNullability);

/// <summary>The text form of one scalar value (docs/generated-clients.md, "Value formatting").</summary>
internal enum ValueFormat
{
    /// <summary><c>string</c>: the text as it is.</summary>
    Text,
    /// <summary><c>bool</c>: <c>true</c> / <c>false</c> (what <c>bool.ToString()</c> would capitalise).</summary>
    Boolean,
    /// <summary>
    /// Numbers, <c>char</c>, <c>Guid</c>, <c>TimeSpan</c> and any other
    /// <c>IFormattable</c>: <c>ToString(null, CultureInfo.InvariantCulture)</c>, so a German machine still sends <c>1.5</c>.
    /// </summary>
    Invariant,
    /// <summary>
    /// <c>DateTime</c>, <c>DateTimeOffset</c>, <c>DateOnly</c>, <c>TimeOnly</c>: the round-trip form <c>"O"</c>, invariant
    /// culture (ISO 8601). The invariant general form would send a <c>DateOnly</c> as <c>01/02/2024</c> and drop a
    /// <c>TimeOnly</c>'s seconds.
    /// </summary>
    RoundTrip,
    /// <summary>Enums: the member name (numeric text for a value with no name), as <c>Enum.ToString()</c> writes it.</summary>
    Enum,
    /// <summary><c>Uri</c>: <c>OriginalString</c>, the escaped text as given (<c>ToString()</c> would unescape <c>%20</c>).</summary>
    Uri,
}

/// <summary>Whether a value can be null, and so whether (and how) generated code tests it.</summary>
internal enum ValueNullability
{
    /// <summary>A non-nullable value type: never null, never tested.</summary>
    Never,
    /// <summary><c>Nullable&lt;T&gt;</c>: tested and unwrapped to <c>T</c> (<c>is { } value</c>).</summary>
    NullableValue,
    /// <summary>A reference type, annotated or not (callers pass null regardless): tested with <c>is not null</c>.</summary>
    Reference,
}
