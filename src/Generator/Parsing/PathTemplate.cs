using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>Splits a path template such as <c>repos/{owner}/{repo}?per_page=100</c> into literal text and placeholders.</summary>
internal static class PathTemplate
{
    /// <summary>
    /// Fills <paramref name="parts"/> (cleared first: the parser reuses one list for all its methods) with the template's
    /// parts, up to the first error if there is one. Placeholders hold the names as written.
    /// </summary>
    public static void Parse(string? template, List<PathPart> parts, out string? error)
    {
        parts.Clear();
        error = null;
        if (template is null)
        {
            error = "the path is null; give a constant path, or \"\" for the BaseUrl itself";
            return;
        }
        var literalStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '}')
            {
                error = $"'}}' at position {i} closes no placeholder";
                return;
            }
            if (template[i] != '{') continue;
            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"the placeholder opened at position {i} is never closed";
                return;
            }
            var name = template.Substring(i + 1, close - i - 1);
            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                error = $"'{{{name}}}' is not a placeholder; placeholders are parameter names such as {{id}}";
                return;
            }
            if (i > literalStart) parts.Add(new PathPart(false, template.Substring(literalStart, i - literalStart)));
            parts.Add(new PathPart(true, name));
            i = close;
            literalStart = close + 1;
        }
        if (literalStart < template.Length) parts.Add(new PathPart(false, template.Substring(literalStart)));
        if (template.IndexOf('#') >= 0) error = "a path cannot contain a fragment ('#')";
    }

    /// <summary>
    /// The parts as the model keeps them: each placeholder names the identifier of the parameter that fills it (its
    /// name, with <c>@</c> when it is a keyword). Parts that need no escaping are reused as they are.
    /// </summary>
    public static EquatableArray<PathPart> WithIdentifiers(List<PathPart> parts)
    {
        if (parts.Count == 0) return EquatableArray<PathPart>.Empty;
        var result = new PathPart[parts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var part = parts[i];
            result[i] = part.IsParameter && Parser.Identifier(part.Text) is var identifier && !ReferenceEquals(identifier, part.Text)
                ? new PathPart(true, identifier)
                : part;
        }
        return new(result);
    }
}
