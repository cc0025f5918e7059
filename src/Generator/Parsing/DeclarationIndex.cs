using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// For one compilation: which files declare each simple name (<see cref="TreeDeclarations"/>, in compilation order),
/// which files have global usings, and what else name lookup depends on (references, options, assembly name). Built
/// once per compilation from the per-file declarations, which unchanged files share with the previous compilation.
/// </summary>
internal sealed class DeclarationIndex
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationIndex> PerCompilation = new();

    private readonly Dictionary<string, List<TreeDeclarations>> _declaringFiles = new(System.StringComparer.Ordinal);

    private DeclarationIndex(Compilation compilation)
    {
        var globalUsings = ImmutableArray.CreateBuilder<TreeDeclarations>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var declarations = TreeDeclarations.Of(tree);
            if (declarations.HasGlobalUsings) globalUsings.Add(declarations);
            foreach (var name in declarations.Names)
            {
                if (!_declaringFiles.TryGetValue(name, out var files)) _declaringFiles.Add(name, files = []);
                files.Add(declarations);
            }
        }
        GlobalUsingFiles = globalUsings.ToImmutable();
        References = compilation.ExternalReferences;
        Options = compilation.Options;
        AssemblyName = compilation.AssemblyName;
    }

    /// <summary>The index of <paramref name="compilation"/>, built on first use.</summary>
    public static DeclarationIndex For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new DeclarationIndex(c));

    /// <summary>The files with <c>global using</c> directives.</summary>
    public ImmutableArray<TreeDeclarations> GlobalUsingFiles { get; }

    /// <summary>The metadata references (the same instances while the project's references do not change).</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The compilation options (nullable context, checked, usings of scripts...).</summary>
    public CompilationOptions Options { get; }

    /// <summary>The assembly name (which internals of references are visible depends on it).</summary>
    public string? AssemblyName { get; }

    /// <summary>The files declaring a type or namespace named <paramref name="name"/>; empty when none does.</summary>
    public IReadOnlyList<TreeDeclarations> DeclaringFiles(string name) =>
        _declaringFiles.TryGetValue(name, out var files) ? files : [];

    /// <summary>Whether the references, options, assembly name and global usings are those of <paramref name="other"/>.</summary>
    public bool SameEnvironment(DeclarationIndex other)
    {
        if (ReferenceEquals(this, other)) return true;
        return AssemblyName == other.AssemblyName && Options.Equals(other.Options) &&
            SameItems(References, other.References) && SameItems(GlobalUsingFiles, other.GlobalUsingFiles);
    }

    /// <summary>Element-wise reference equality: the same objects in the same order.</summary>
    public static bool SameItems<T>(IReadOnlyList<T> left, IReadOnlyList<T> right) where T : class
    {
        if (left.Count != right.Count) return false;
        for (var i = 0; i < left.Count; i++)
        {
            if (!ReferenceEquals(left[i], right[i])) return false;
        }
        return true;
    }
}
