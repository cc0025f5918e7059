using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace OAuthGen.Generator;

/// <summary>
/// Splits a path template such as <c>repos/{owner}/{repo}?per_page=100</c> into literal text and placeholders, by
/// position (<see cref="PathSegment"/>). The parser splits it to validate it and match placeholders to parameters; the
/// model keeps only the template, and the emitter splits it again to write the path. Keeping the segments in the model
/// instead would allocate an array per endpoint on every edit (the parse reruns then; the emitter only for changes).
/// </summary>
internal static class PathTemplate
{
    /// <summary>
    /// Fills <paramref name="segments"/> (cleared first, so callers can reuse one list) with the template's segments,
    /// up to the first error if there is one.
    /// </summary>
    /// <returns>Why the template is invalid, or <see langword="null"/>.</returns>
    public static string? Parse(string? template, List<PathSegment> segments)
    {
        segments.Clear();
        if (template is null) return "the path is null; give a constant path, or \"\" for the BaseUrl itself";
        var literalStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '}') return $"'}}' at position {i} closes no placeholder";
            if (template[i] != '{') continue;
            var close = template.IndexOf('}', i + 1);
            if (close < 0) return $"the placeholder opened at position {i} is never closed";
            if (!IsIdentifier(template, i + 1, close - i - 1))
            {
                return $"'{{{template.Substring(i + 1, close - i - 1)}}}' is not a placeholder; placeholders are parameter names such as {{id}}";
            }
            if (i > literalStart) segments.Add(new PathSegment(false, literalStart, i - literalStart));
            segments.Add(new PathSegment(true, i + 1, close - i - 1));
            i = close;
            literalStart = close + 1;
        }
        if (literalStart < template.Length) segments.Add(new PathSegment(false, literalStart, template.Length - literalStart));
        return template.IndexOf('#') >= 0 ? "a path cannot contain a fragment ('#')" : null;
    }

    /// <summary><see cref="SyntaxFacts.IsValidIdentifier"/> over part of a string, without cutting it out.</summary>
    private static bool IsIdentifier(string text, int start, int length)
    {
        if (length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(text[start])) return false;
        for (var i = start + 1; i < start + length; i++)
        {
            if (!SyntaxFacts.IsIdentifierPartCharacter(text[i])) return false;
        }
        return true;
    }
}

/// <summary>A piece of a path template: literal text, or a placeholder's name (without braces), by position.</summary>
/// <param name="IsPlaceholder">A <c>{name}</c> rather than literal text.</param>
/// <param name="Start">Where the text (the name, for a placeholder) starts in the template.</param>
/// <param name="Length">Its length.</param>
internal readonly record struct PathSegment(bool IsPlaceholder, int Start, int Length)
{
    /// <summary>This segment's text in <paramref name="template"/>.</summary>
    public string Text(string template) => template.Substring(Start, Length);
}
