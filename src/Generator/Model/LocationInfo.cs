using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OAuthGen.Generator.Model;

/// <summary>
/// Where a diagnostic points, without holding a <see cref="Location"/> (which would pin the syntax tree and defeat caching).
/// </summary>
/// <param name="FilePath">The syntax tree's path.</param>
/// <param name="PathOrdinal">
/// Which of the compilation's trees with that path (in compilation order) it is: 0 in a real build, where paths are
/// unique, but in-memory compilations (tests, tools, scripts) can hold several trees with the same or an empty path.
/// </param>
/// <param name="TextSpan">The span in that tree.</param>
/// <param name="LineSpan">The same span as lines and columns.</param>
internal sealed record LocationInfo(string FilePath, int PathOrdinal, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location, int pathOrdinal) =>
        location is { IsInSource: true, SourceTree: not null }
            ? new LocationInfo(location.SourceTree.FilePath, pathOrdinal, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    /// <summary>
    /// The location in the compilation's own tree (<paramref name="treesByPath"/>: its trees grouped by path, in order),
    /// else a detached location with the same span. Only a tree location is checked against the tree's
    /// <c>#pragma warning</c> table: a detached one (Location.Create(path, span, lines)) is reported even when the user
    /// disabled the warning there (dotnet/roslyn#68291).
    /// </summary>
    public Location ToLocation(IReadOnlyDictionary<string, List<SyntaxTree>>? treesByPath) =>
        treesByPath is not null && treesByPath.TryGetValue(FilePath, out var trees) && PathOrdinal < trees.Count &&
        TextSpan.End <= trees[PathOrdinal].Length
            ? Location.Create(trees[PathOrdinal], TextSpan)
            : Location.Create(FilePath, TextSpan, LineSpan);

    /// <summary>The compilation's trees grouped by path, each group in compilation order (what <see cref="PathOrdinal"/> counts).</summary>
    public static Dictionary<string, List<SyntaxTree>> GroupTrees(Compilation compilation)
    {
        var trees = new Dictionary<string, List<SyntaxTree>>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!trees.TryGetValue(tree.FilePath, out var group)) trees.Add(tree.FilePath, group = []);
            group.Add(tree);
        }
        return trees;
    }
}
