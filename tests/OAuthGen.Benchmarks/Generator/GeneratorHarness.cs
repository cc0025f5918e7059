using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>Which generator a run drives.</summary>
public enum GeneratorKind
{
    /// <summary>Refit 16.4's InterfaceStubGeneratorV2, loaded from the Refit package's analyzers folder.</summary>
    Refit,

    /// <summary>OAuthGen's generator (src/Generator).</summary>
    OAuthGen,

    /// <summary>
    /// The floor: <see cref="NamesOnlyGenerator"/> finds the same <c>[RemoteApp]</c> interfaces and writes one line
    /// per interface, so it pays what finding them costs and nothing a real generator's parse adds.
    /// </summary>
    Floor,
}

/// <summary>A compilation and a driver, ready for <c>RunGeneratorsAndUpdateCompilation</c>.</summary>
public sealed record GeneratorRun(Compilation Compilation, GeneratorDriver Driver)
{
    /// <summary>Runs the driver once; the driver is immutable, so every call starts from the same state.</summary>
    public GeneratorDriver Run() => Driver.RunGeneratorsAndUpdateCompilation(Compilation, out _, out _);
}

/// <summary>
/// One generator run on a compilation made for it: <paramref name="compilation"/> creates a new one per call, so no
/// binding done by an earlier call is reused, as in a build or after a keystroke (every edit makes a new compilation).
/// </summary>
/// <param name="compilation">Makes the compilation of one run.</param>
/// <param name="driver">Makes the driver of one run: a new one (cold), or returns the one that has already run once.</param>
public sealed class FreshCompilationRun(Func<Compilation> compilation, Func<GeneratorDriver> driver)
{
    /// <summary>A compilation as <see cref="Run"/> gets it (for tests).</summary>
    public Compilation NewCompilation() => compilation();

    /// <summary>Runs a driver over a new compilation, as a build or the IDE does after an edit.</summary>
    public GeneratorDriver Run() => driver().RunGeneratorsAndUpdateCompilation(compilation(), out _, out _);

    /// <summary>
    /// <see cref="Run"/>, then the compiler's parse of every generated source not parsed before. The driver returns
    /// generated sources as lazily parsed trees, so <see cref="Run"/> never pays their parse; the build that compiles
    /// them does, every time, in proportion to what the generator wrote.
    /// </summary>
    public GeneratorDriver RunAndParseOutput()
    {
        var result = driver().RunGeneratorsAndUpdateCompilation(compilation(), out var output, out _);
        GeneratorHarness.ParseUnparsedTrees(output);
        return result;
    }
}

/// <summary>
/// Builds generator runs. The primary ones (<see cref="FreshCold"/>, <see cref="FreshUnrelatedEdit"/>,
/// <see cref="FreshInterfaceEdit"/>) give every run a compilation of its own. The secondary ones follow Refit's own
/// generator benchmarks (src/benchmarks/Refit.Generator.Benchmarks):
/// cold = a fresh driver over the corpus compilation; incremental = a driver that has already run once, over the
/// same compilation plus one unrelated syntax tree (<c>struct BenchUnrelated {}</c>), every run on that same
/// compilation, so binding the first run did is not paid again.
/// </summary>
public static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>The unrelated edit of the incremental run.</summary>
    public const string UnrelatedEdit = "struct BenchUnrelated {}";

    /// <summary>Same compilation: a fresh driver over the corpus compilation, the same compilation every run.</summary>
    public static GeneratorRun Cold(GeneratorKind kind) => new(CreateCompilation(kind, ParseCorpus(kind)), CreateDriver(kind));

    /// <summary>Same compilation: a driver that has run once, and the compilation after one unrelated edit, the same every run.</summary>
    public static GeneratorRun Incremental(GeneratorKind kind)
    {
        var cold = Cold(kind);
        var primed = cold.Run();
        var edited = cold.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedEdit, ParseOptions));
        return new GeneratorRun(edited, primed);
    }

    /// <summary>
    /// What a build pays: a new compilation of new syntax trees and a new driver. The trees are new objects over the
    /// corpus's already parsed nodes (parsing is not the generators' work), so nothing keyed by a tree or node of an
    /// earlier run carries over, as in a new build.
    /// </summary>
    public static FreshCompilationRun FreshCold(GeneratorKind kind)
    {
        var trees = ParseCorpus(kind);
        return new FreshCompilationRun(() => CreateCompilation(kind, trees.Select(NewTree)), () => CreateDriver(kind));
    }

    private static SyntaxTree NewTree(SyntaxTree tree) =>
        CSharpSyntaxTree.Create((CSharpSyntaxNode)tree.GetRoot(), ParseOptions, tree.FilePath, tree.Encoding);

    /// <summary>
    /// What a keystroke elsewhere pays: the driver that has run once over the corpus, then a new compilation with one
    /// added unrelated type (<see cref="UnrelatedEdit"/>).
    /// </summary>
    public static FreshCompilationRun FreshUnrelatedEdit(GeneratorKind kind)
    {
        var (baseline, primed) = Primed(kind);
        var edit = CSharpSyntaxTree.ParseText(UnrelatedEdit, ParseOptions, path: "Unrelated.cs");
        return new FreshCompilationRun(() => baseline.AddSyntaxTrees(edit), () => primed);
    }

    /// <summary>
    /// What an edit inside one remote-app interface pays: the driver that has run once, then a new compilation whose
    /// <see cref="GeneratorCorpus.EditedInterfacePath"/> has one more method.
    /// </summary>
    public static FreshCompilationRun FreshInterfaceEdit(GeneratorKind kind)
    {
        var (baseline, primed) = Primed(kind);
        var before = baseline.SyntaxTrees.Single(t => t.FilePath == GeneratorCorpus.EditedInterfacePath);
        var after = GeneratorCorpus.EditedInterface(kind == GeneratorKind.Refit);
        // Each run parses the edited file anew, as each keystroke gives the IDE a new syntax tree of it.
        return new FreshCompilationRun(
            () => baseline.ReplaceSyntaxTree(before, CSharpSyntaxTree.ParseText(after, ParseOptions, path: before.FilePath)), () => primed);
    }

    private static (Compilation Baseline, GeneratorDriver Primed) Primed(GeneratorKind kind)
    {
        var baseline = CreateCompilation(kind, ParseCorpus(kind));
        var primed = CreateDriver(kind).RunGeneratorsAndUpdateCompilation(baseline, out var output, out _);
        // As the build after that run did: the sources the driver keeps for unchanged output are then parsed already.
        ParseUnparsedTrees(output);
        return (baseline, primed);
    }

    /// <summary>Parses each tree of <paramref name="compilation"/> whose text has not been parsed yet (the generated ones).</summary>
    public static void ParseUnparsedTrees(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.TryGetRoot(out _)) tree.GetRoot();
        }
    }

    /// <summary>The corpus files of <paramref name="kind"/>'s library, parsed (parsing is not the generator's work).</summary>
    public static ImmutableArray<SyntaxTree> ParseCorpus(GeneratorKind kind) =>
        [.. GeneratorCorpus.Files(kind == GeneratorKind.Refit).Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.Path))];

    /// <summary>
    /// A new compilation of <paramref name="trees"/> against the .NET 10 reference assemblies plus the library. The
    /// reference objects are shared, so their metadata is read once per process, as the compiler server caches it.
    /// </summary>
    public static CSharpCompilation CreateCompilation(GeneratorKind kind, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Corpus" + kind, trees, kind == GeneratorKind.Refit ? RefitReferences.Value : OAuthGenReferences.Value, CompilationOptions);

    private static readonly Lazy<MetadataReference[]> RefitReferences =
        new(() => [.. Basic.Reference.Assemblies.Net100.References.All, .. LibraryReferences(typeof(Refit.RestService).Assembly)]);

    private static readonly Lazy<MetadataReference[]> OAuthGenReferences =
        new(() => [.. Basic.Reference.Assemblies.Net100.References.All, .. LibraryReferences(typeof(RemoteAppAttribute).Assembly)]);

    /// <summary>A new driver for <paramref name="kind"/>'s generator, as a build creates one.</summary>
    public static GeneratorDriver CreateDriver(GeneratorKind kind) =>
        CSharpGeneratorDriver.Create([CreateGenerator(kind).AsSourceGenerator()], parseOptions: ParseOptions);

    /// <summary>A new instance of the generator, as the compiler creates one per build.</summary>
    public static IIncrementalGenerator CreateGenerator(GeneratorKind kind) => kind switch
    {
        GeneratorKind.Refit => (IIncrementalGenerator)Activator.CreateInstance(RefitGeneratorType.Value)!,
        GeneratorKind.Floor => new NamesOnlyGenerator(),
        _ => new OAuthGen.Generator.OAuthGenGenerator(),
    };

    // The library and whatever it references outside the shared framework (Refit: ReactiveUI.Primitives;
    // OAuthGen: Microsoft.Extensions.*), so generated code binds exactly as in a consumer project.
    private static IEnumerable<MetadataReference> LibraryReferences(Assembly library)
    {
        var frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        yield return MetadataReference.CreateFromFile(library.Location);
        foreach (var name in library.GetReferencedAssemblies())
        {
            Assembly dependency;
            try
            {
                dependency = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            if (!dependency.Location.StartsWith(frameworkDirectory, StringComparison.Ordinal))
            {
                yield return MetadataReference.CreateFromFile(dependency.Location);
            }
        }
    }

    // Refit ships its generator only inside the package (analyzers/dotnet/roslyn4.8/cs), never as a lib; the
    // project copies that DLL next to the harness. Loading it here binds its Microsoft.CodeAnalysis 4.8 reference
    // to the 4.14 the harness runs, as the SDK's newer compiler does for consumers.
    private static readonly Lazy<Type> RefitGeneratorType = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "generators", "refit", "InterfaceStubGeneratorV2.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Refit's generator was not copied next to the benchmarks (see OAuthGen.Benchmarks.csproj).", path);
        }
        var generators = Assembly.LoadFrom(path).GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .ToImmutableArray();
        return generators.Length == 1
            ? generators[0]
            : throw new InvalidOperationException($"Expected one incremental generator in {path}, found {generators.Length}.");
    });
}
