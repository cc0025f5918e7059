using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OAuthGen.Generator.Model;

/// <summary>
/// Where a diagnostic points, without holding a <see cref="Location"/> (which would pin the syntax tree and defeat caching).
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: not null }
            ? new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    /// <summary>
    /// The location in <paramref name="compilation"/>'s own tree when it has one (so <c>#pragma warning disable</c> works),
    /// else a detached location with the same span.
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && TextSpan.End <= tree.Length) return Location.Create(tree, TextSpan);
            }
        }
        return Location.Create(FilePath, TextSpan, LineSpan);
    }
}
