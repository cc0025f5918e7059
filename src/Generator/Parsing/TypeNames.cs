using System;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// Types as generated code writes them (<see cref="Parser.TypeFormat"/>), each formatted at most once per parse. An
/// interface repeats a handful of types (<c>int</c>, <c>CancellationToken</c>, <c>Task&lt;Entity&gt;</c>...) across all
/// its methods, and the parse reruns for every interface on every edit: formatting each occurrence anew would make
/// most of the transform's strings and much of its time.
/// </summary>
/// <remarks>
/// Types compare with nullability (<c>string</c> and <c>string?</c> print differently), tuple names and everything else
/// the display shows. The cache lives as long as one parse: symbols must not outlive the compilation they come from.
/// It is a short array searched in order, not a dictionary: an interface has about a dozen distinct types, and a
/// dictionary's growing tables cost more than the search.
/// </remarks>
internal sealed class TypeNames
{
    private Entry[] _entries = new Entry[8];
    private int _count;

    /// <summary>The <c>global::</c>-qualified name of <paramref name="type"/>, with nullable annotations.</summary>
    public string Get(ITypeSymbol type)
    {
        if (Keyword(type) is { } keyword) return keyword;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (ReferenceEquals(entry.Type, type) || SymbolEqualityComparer.IncludeNullability.Equals(entry.Type, type)) return entry.Name;
        }
        var name = type.ToDisplayString(Parser.TypeFormat);
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = new Entry(type, name);
        return name;
    }

    private readonly struct Entry(ITypeSymbol type, string name)
    {
        public ITypeSymbol Type { get; } = type;

        public string Name { get; } = name;
    }

    /// <summary>
    /// What the display would print for a special type or a one-dimensional array of one (<c>int</c>, <c>string?</c>,
    /// <c>int[]</c>...), without formatting anything. <c>nint</c>/<c>IntPtr</c> and <c>dynamic</c>/<c>object</c> share a
    /// special type, so those go the long way.
    /// </summary>
    private static string? Keyword(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { IsSZArray: true } array)
        {
            return type.NullableAnnotation != NullableAnnotation.Annotated && array.ElementType.NullableAnnotation != NullableAnnotation.Annotated
                ? ArrayKeyword(array.ElementType.SpecialType)
                : null;
        }
        if (type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return type.SpecialType == SpecialType.System_String ? "string?" : null;
        }
        return type.SpecialType switch
        {
            SpecialType.System_Boolean => "bool",
            SpecialType.System_Char => "char",
            SpecialType.System_SByte => "sbyte",
            SpecialType.System_Byte => "byte",
            SpecialType.System_Int16 => "short",
            SpecialType.System_UInt16 => "ushort",
            SpecialType.System_Int32 => "int",
            SpecialType.System_UInt32 => "uint",
            SpecialType.System_Int64 => "long",
            SpecialType.System_UInt64 => "ulong",
            SpecialType.System_Single => "float",
            SpecialType.System_Double => "double",
            SpecialType.System_Decimal => "decimal",
            SpecialType.System_String => "string",
            _ => null,
        };
    }

    private static string? ArrayKeyword(SpecialType element) => element switch
    {
        SpecialType.System_Boolean => "bool[]",
        SpecialType.System_Char => "char[]",
        SpecialType.System_SByte => "sbyte[]",
        SpecialType.System_Byte => "byte[]",
        SpecialType.System_Int16 => "short[]",
        SpecialType.System_UInt16 => "ushort[]",
        SpecialType.System_Int32 => "int[]",
        SpecialType.System_UInt32 => "uint[]",
        SpecialType.System_Int64 => "long[]",
        SpecialType.System_UInt64 => "ulong[]",
        SpecialType.System_Single => "float[]",
        SpecialType.System_Double => "double[]",
        SpecialType.System_Decimal => "decimal[]",
        SpecialType.System_String => "string[]",
        _ => null,
    };
}
