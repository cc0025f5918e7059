using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>Splits a path template such as <c>repos/{owner}/{repo}?per_page=100</c> into literal text and placeholders.</summary>
internal static class PathTemplate
{
    public static List<PathPart> Parse(string? template, out string? error)
    {
        var parts = new List<PathPart>();
        error = null;
        if (template is null)
        {
            error = "the path is null; give a constant path, or \"\" for the BaseUrl itself";
            return parts;
        }
        var literalStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '}')
            {
                error = $"'}}' at position {i} closes no placeholder";
                return parts;
            }
            if (template[i] != '{') continue;
            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"the placeholder opened at position {i} is never closed";
                return parts;
            }
            var name = template.Substring(i + 1, close - i - 1);
            if (!SyntaxFacts.IsValidIdentifier(name))
            {
                error = $"'{{{name}}}' is not a placeholder; placeholders are parameter names such as {{id}}";
                return parts;
            }
            if (i > literalStart) parts.Add(new PathPart(false, template.Substring(literalStart, i - literalStart)));
            parts.Add(new PathPart(true, name));
            i = close;
            literalStart = close + 1;
        }
        if (literalStart < template.Length) parts.Add(new PathPart(false, template.Substring(literalStart)));
        if (template.IndexOf('#') >= 0) error = "a path cannot contain a fragment ('#')";
        return parts;
    }
}
