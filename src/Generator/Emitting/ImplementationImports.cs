using System;
using System.Text;

namespace OAuthGen.Generator.Emitting;

/// <summary>
/// The namespace the generated implementations live in, and the namespaces it imports. Every build parses the generated
/// code (the generator driver leaves that parse to the compiler), so its size is paid on every build; spelling each BCL
/// and runtime type by its name instead of <c>global::System.Threading.Tasks.Task</c> leaves a third fewer tokens to
/// parse (docs/benchmarks.md). The namespace is the runtime's own, so no user type can come between a name and its
/// import: name lookup consults these imports before any enclosing namespace the user's code could add to.
/// </summary>
internal static class ImplementationImports
{
    /// <summary>The namespace of every generated implementation class (each is file-local, so equal names never clash).</summary>
    public const string Namespace = "OAuthGen.Generated";

    /// <summary>
    /// Imported by the implementation's namespace declaration. No two of them declare a type of the same name, so a name
    /// taken from one of them is never ambiguous.
    /// </summary>
    public static readonly string[] Namespaces =
    [
        "System.Collections.Generic",
        "System.Net.Http",
        "System.Threading",
        "System.Threading.Tasks",
        "OAuthGen.GeneratedCode",
    ];

    /// <summary>
    /// <paramref name="type"/> (a <c>global::</c>-qualified type name, possibly generic, nullable or an array) with the
    /// <c>global::Namespace.</c> prefix removed from every type that sits directly in an imported namespace. A type in a
    /// namespace nested deeper (<c>System.Threading.Tasks.Sources</c>) keeps its full name: imports bring in types, not
    /// namespaces.
    /// </summary>
    public static string Shorten(string type)
    {
        const string Global = "global::";
        var start = type.IndexOf(Global, StringComparison.Ordinal);
        if (start < 0) return type;
        // One builder per thread: a build shortens a few thousand type names, most of them in one or two places.
        var result = s_builder ??= new StringBuilder(256);
        result.Clear();
        var copied = 0;
        while (start >= 0)
        {
            var nameStart = start + Global.Length;
            var nameEnd = nameStart;
            while (nameEnd < type.Length && (char.IsLetterOrDigit(type[nameEnd]) || type[nameEnd] is '_' or '.' or '@')) nameEnd++;
            var lastDot = type.LastIndexOf('.', nameEnd - 1, nameEnd - nameStart);
            if (lastDot > nameStart && IsImported(type, nameStart, lastDot - nameStart))
            {
                result.Append(type, copied, start - copied);
                copied = lastDot + 1;
            }
            start = type.IndexOf(Global, nameEnd, StringComparison.Ordinal);
        }
        if (copied == 0) return type;
        return result.Append(type, copied, type.Length - copied).ToString();
    }

    [ThreadStatic] private static StringBuilder? s_builder;

    private static bool IsImported(string text, int start, int length)
    {
        foreach (var imported in Namespaces)
        {
            if (imported.Length == length && string.CompareOrdinal(text, start, imported, 0, length) == 0) return true;
        }
        return false;
    }
}
