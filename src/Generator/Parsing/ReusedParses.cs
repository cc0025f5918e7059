using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// The generator's parse of an interface, kept for the next compilation while nothing it depends on has changed.
/// </summary>
/// <remarks>
/// Every edit makes a new compilation, and ForAttributeWithMetadataName runs the transform again for every
/// <c>[RemoteApp]</c> interface of it. Parsing one again means binding its whole declaration anew (members, types and
/// above all attributes, each with its own nullable analysis): nearly all of what an edit costs. Yet the model of an
/// interface can only change when its own file changes (a new declaration node) or when name lookup or the types it
/// looks into can give other answers: a change to a file declaring one of the names it depends on
/// (<see cref="ParseDependencies"/>), to the files with global usings, the references, the options or the assembly
/// name. The entry records those files per name (<see cref="TreeDeclarations"/>, the same object while a file is
/// unchanged), and a later compilation reuses the model only if every one is still the same; checking costs a few
/// dictionary lookups. Entries hold strings, per-file name sets and the references, never a symbol, a syntax tree or
/// a compilation; they live as long as the interface's declaration node, i.e. as long as its file is in use.
/// </remarks>
internal static class ReusedParses
{
    private static readonly ConditionalWeakTable<InterfaceDeclarationSyntax, Slot> PerDeclaration = new();

    /// <summary>The model parsed for <paramref name="declaration"/> in an earlier compilation, if still valid in <paramref name="compilation"/>.</summary>
    public static bool TryGet(InterfaceDeclarationSyntax declaration, Compilation compilation, out InterfaceModel? model)
    {
        model = null;
        if (!PerDeclaration.TryGetValue(declaration, out var slot) || slot.Entry is not { } entry) return false;
        var index = DeclarationIndex.For(compilation);
        if (!index.SameEnvironment(entry.Index)) return false;
        foreach (var dependency in entry.Dependencies)
        {
            if (!DeclarationIndex.SameItems(index.DeclaringFiles(dependency.Name), dependency.Files)) return false;
        }
        model = entry.Model;
        return true;
    }

    /// <summary>Keeps <paramref name="model"/>, just parsed from <paramref name="symbol"/>, with what it depends on.</summary>
    public static void Store(InterfaceDeclarationSyntax declaration, INamedTypeSymbol symbol, Compilation compilation, InterfaceModel? model,
        CancellationToken cancellationToken)
    {
        var slot = PerDeclaration.GetValue(declaration, static _ => new Slot());
        var names = ParseDependencies.Collect(symbol, compilation, cancellationToken);
        if (names is null)
        {
            slot.Entry = null; // parsed again in every compilation
            return;
        }
        var index = DeclarationIndex.For(compilation);
        var dependencies = new Dependency[names.Count];
        var i = 0;
        foreach (var name in names)
        {
            dependencies[i++] = new Dependency(name, [.. index.DeclaringFiles(name)]);
        }
        slot.Entry = new Entry(model, index, dependencies);
    }

    private sealed class Slot
    {
        // Replaced whole, never changed in place: a reader on another thread sees an old or a new entry, both consistent.
        public volatile Entry? Entry;
    }

    private sealed class Entry(InterfaceModel? model, DeclarationIndex index, Dependency[] dependencies)
    {
        public InterfaceModel? Model { get; } = model;
        public DeclarationIndex Index { get; } = index;
        public Dependency[] Dependencies { get; } = dependencies;
    }

    private readonly struct Dependency(string name, TreeDeclarations[] files)
    {
        public string Name { get; } = name;
        public IReadOnlyList<TreeDeclarations> Files { get; } = files;
    }
}
