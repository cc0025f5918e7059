using System;
using System.ComponentModel;
using System.Globalization;

namespace OAuthGen.GeneratedCode;

/// <summary>
/// The text of path, query, form and header values in generated clients. The generator picks one of these per parameter
/// type at compile time (a <c>string</c> is sent as it is), so value types are never boxed and nothing is type-tested per
/// call. The rules are those of the untyped facade's <c>RequestData.FormatValue</c>, except <see cref="Uri"/>, whose escaped
/// text is kept, and <see cref="DateOnly"/> and <see cref="TimeOnly"/>, which are sent in ISO 8601 like dates with a time. Callers
/// pass values that are not null. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedValue
{
    /// <summary><c>true</c> or <c>false</c>: the lower-case form servers expect (<c>bool.ToString()</c> capitalises).</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>The round-trip form (<c>"O"</c>, invariant culture): ISO 8601 with the full precision and the kind.</summary>
    public static string Format(DateTime value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The round-trip form (<c>"O"</c>, invariant culture): ISO 8601 with the full precision and the offset.</summary>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The round-trip form (<c>"O"</c>): ISO 8601 <c>yyyy-MM-dd</c>. The invariant culture's general form would be
    /// <c>MM/dd/yyyy</c>.
    /// </summary>
    public static string Format(DateOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The round-trip form (<c>"O"</c>): ISO 8601 <c>HH:mm:ss.fffffff</c>. The invariant culture's general form would be
    /// <c>HH:mm</c>, dropping the seconds.
    /// </summary>
    public static string Format(TimeOnly value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Uri.OriginalString"/>: the text as the caller wrote it, escapes included. <see cref="Uri.ToString"/>
    /// unescapes, so <c>x=%20y</c> would reach the server as <c>x= y</c>.
    /// </summary>
    public static string Format(Uri value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.OriginalString;
    }

    /// <summary>
    /// <c>ToString(null, CultureInfo.InvariantCulture)</c>: numbers, <see cref="Guid"/>, <see cref="TimeSpan"/>... read the
    /// same on every machine (<c>1.5</c>, never <c>1,5</c>). Generic so that a struct is formatted through a constrained
    /// call, not boxed to <see cref="IFormattable"/>.
    /// </summary>
    public static string FormatInvariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>
    /// The member name, as <see cref="Enum.ToString()"/> writes it. <see cref="Enum.GetName{TEnum}(TEnum)"/> finds it
    /// without boxing; only a value with no single name (an undefined number, a combination of flags) falls back to
    /// <see cref="Enum.ToString()"/>, which writes the number or the names joined by <c>", "</c>.
    /// </summary>
    public static string FormatEnum<T>(T value) where T : struct, Enum => Enum.GetName(value) ?? value.ToString();
}
