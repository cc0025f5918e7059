using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Model;

/// <summary>A diagnostic to report, as cache-friendly data (descriptors are static singletons, so reference equality is fine).</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor, location, new EquatableArray<string>(messageArgs));

    /// <param name="treesByPath">The current compilation's trees by path (<see cref="LocationInfo.GroupTrees"/>).</param>
    public Diagnostic ToDiagnostic(IReadOnlyDictionary<string, List<SyntaxTree>>? treesByPath) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(treesByPath), [.. MessageArgs]);
}
