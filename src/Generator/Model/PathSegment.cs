namespace OAuthGen.Generator.Model;

/// <summary>A piece of a path template: literal text, or a placeholder's name (without braces), by position.</summary>
/// <param name="IsPlaceholder">A <c>{name}</c> rather than literal text.</param>
/// <param name="Start">Where the text (the name, for a placeholder) starts in the template.</param>
/// <param name="Length">Its length.</param>
internal readonly record struct PathSegment(bool IsPlaceholder, int Start, int Length)
{
    /// <summary>This segment's text in <paramref name="template"/>.</summary>
    public string Text(string template) => template.Substring(Start, Length);
}
