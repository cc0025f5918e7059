using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// Types as generated code writes them (<see cref="Parser.TypeFormat"/>), each formatted once per parse. An interface
/// repeats a handful of types (<c>int</c>, <c>CancellationToken</c>, <c>Task&lt;Entity&gt;</c>...) across all its
/// methods, and the parse reruns for every interface on every edit: formatting each occurrence was most of the
/// transform's strings and much of its time (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Keys compare with nullability (<c>string</c> and <c>string?</c> print differently), tuple names and everything else
/// the display shows. The cache lives as long as one parse: symbols must not outlive the compilation they come from.
/// </remarks>
internal sealed class TypeNames
{
    private readonly Dictionary<ITypeSymbol, string> _names = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>The <c>global::</c>-qualified name of <paramref name="type"/>, with nullable annotations.</summary>
    public string Get(ITypeSymbol type)
    {
        if (!_names.TryGetValue(type, out var name))
        {
            name = type.ToDisplayString(Parser.TypeFormat);
            _names.Add(type, name);
        }
        return name;
    }
}
