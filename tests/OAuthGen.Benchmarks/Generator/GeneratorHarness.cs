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
}

/// <summary>A compilation and a driver, ready for <c>RunGeneratorsAndUpdateCompilation</c>.</summary>
public sealed record GeneratorRun(Compilation Compilation, GeneratorDriver Driver)
{
    /// <summary>Runs the driver once; the driver is immutable, so every call starts from the same state.</summary>
    public GeneratorDriver Run() => Driver.RunGeneratorsAndUpdateCompilation(Compilation, out _, out _);
}

/// <summary>
/// Builds generator runs the way Refit's own generator benchmarks do (src/benchmarks/Refit.Generator.Benchmarks):
/// cold = a fresh driver over the corpus compilation; incremental = a driver that has already run once, over the
/// same compilation plus one unrelated syntax tree (<c>struct BenchUnrelated {}</c>), i.e. one keystroke elsewhere.
/// </summary>
public static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>The unrelated edit of the incremental run.</summary>
    public const string UnrelatedEdit = "struct BenchUnrelated {}";

    /// <summary>A fresh driver over the corpus: what the first build (or opening the solution) pays.</summary>
    public static GeneratorRun Cold(GeneratorKind kind) =>
        new(CreateCompilation(kind), CSharpGeneratorDriver.Create([CreateGenerator(kind).AsSourceGenerator()], parseOptions: ParseOptions));

    /// <summary>A driver that has run once, and the compilation after one unrelated edit: what each keystroke pays.</summary>
    public static GeneratorRun Incremental(GeneratorKind kind)
    {
        var cold = Cold(kind);
        var primed = cold.Run();
        var edited = cold.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedEdit, ParseOptions));
        return new GeneratorRun(edited, primed);
    }

    /// <summary>The corpus compilation for one library: the .NET 10 reference assemblies plus that library.</summary>
    public static CSharpCompilation CreateCompilation(GeneratorKind kind)
    {
        var (source, library) = kind switch
        {
            GeneratorKind.Refit => (GeneratorCorpus.Refit, typeof(Refit.RestService).Assembly),
            _ => (GeneratorCorpus.OAuthGen, typeof(RemoteAppAttribute).Assembly),
        };
        return CSharpCompilation.Create(
            "Corpus" + kind,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Corpus.cs")],
            [.. Basic.Reference.Assemblies.Net100.References.All, .. LibraryReferences(library)],
            CompilationOptions);
    }

    /// <summary>A new instance of the generator, as the compiler creates one per build.</summary>
    public static IIncrementalGenerator CreateGenerator(GeneratorKind kind) => kind switch
    {
        GeneratorKind.Refit => (IIncrementalGenerator)Activator.CreateInstance(RefitGeneratorType.Value)!,
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
