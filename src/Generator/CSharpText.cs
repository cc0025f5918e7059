using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OAuthGen.Generator;

/// <summary>
/// How generated code writes the user's names and values: the parser uses it to build option expressions and
/// identifiers into the model, the emitter to write headers, paths and keys.
/// </summary>
internal static class CSharpText
{
    /// <summary>
    /// A user's name as generated code must write it: with <c>@</c> when it is a keyword, contextual ones included
    /// (<c>await</c> is not a name inside the generated async methods, and <c>@var</c> is always safe).
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>A string literal with C# escapes.</summary>
    public static string Literal(string value) =>
        NeedsNoEscape(value) ? "\"" + value + "\"" : SymbolDisplay.FormatLiteral(value, quote: true);

    // Paths, keys and header names are nearly always printable ASCII without quotes or backslashes, which the compiler's
    // formatter would copy as they are; it is left for the rest (control characters, surrogates, other scripts).
    private static bool NeedsNoEscape(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\') return false;
        }
        return true;
    }

    /// <summary>
    /// The <c>HttpMethod</c> for an upper-case method token: the shared instance when there is one. <paramref name="type"/>
    /// is how the code at hand spells <c>System.Net.Http.HttpMethod</c>.
    /// </summary>
    public static string HttpMethodExpression(string method, string type = "global::System.Net.Http.HttpMethod") => method switch
    {
        "GET" => type + ".Get",
        "POST" => type + ".Post",
        "PUT" => type + ".Put",
        "PATCH" => type + ".Patch",
        "DELETE" => type + ".Delete",
        "HEAD" => type + ".Head",
        _ => $"new {type}({Literal(method)})",
    };
}
