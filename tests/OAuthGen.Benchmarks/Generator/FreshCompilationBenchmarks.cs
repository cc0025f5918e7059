using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>
/// The generator cost users pay, on the 40 × 12 corpus (<see cref="GeneratorCorpus"/>, one file per interface): every
/// run gets a compilation of its own, so the binding a generator does is paid on every run, as in a build and after
/// every keystroke. Three cases, each with Refit 16.4 as the baseline and the names-only floor
/// (<see cref="NamesOnlyGenerator"/>):
/// <list type="bullet">
/// <item>Cold: a new compilation and a new driver (a build).</item>
/// <item>UnrelatedEdit: the driver that has run once, then a new compilation with one added unrelated type.</item>
/// <item>InterfaceEdit: the driver that has run once, then a new compilation in which one interface has one more method.</item>
/// <item>
/// ColdBuild: Cold, then the compiler's parse of the generated sources, which the driver leaves to the build (its trees
/// are parsed lazily) and every build pays in proportion to what the generator wrote.
/// </item>
/// </list>
/// Goals: OAuthGen ≤ 0.5× Refit's time and allocations cold and on an unrelated edit, ≤ 2× the floor on an unrelated edit.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FreshCompilationBenchmarks
{
    private FreshCompilationRun _refitCold = null!, _oauthGenCold = null!, _floorCold = null!;
    private FreshCompilationRun _refitUnrelated = null!, _oauthGenUnrelated = null!, _floorUnrelated = null!;
    private FreshCompilationRun _refitInterface = null!, _oauthGenInterface = null!, _floorInterface = null!;

    /// <summary>Parses the corpus and primes the drivers, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _refitCold = GeneratorHarness.FreshCold(GeneratorKind.Refit);
        _oauthGenCold = GeneratorHarness.FreshCold(GeneratorKind.OAuthGen);
        _floorCold = GeneratorHarness.FreshCold(GeneratorKind.Floor);
        _refitUnrelated = GeneratorHarness.FreshUnrelatedEdit(GeneratorKind.Refit);
        _oauthGenUnrelated = GeneratorHarness.FreshUnrelatedEdit(GeneratorKind.OAuthGen);
        _floorUnrelated = GeneratorHarness.FreshUnrelatedEdit(GeneratorKind.Floor);
        _refitInterface = GeneratorHarness.FreshInterfaceEdit(GeneratorKind.Refit);
        _oauthGenInterface = GeneratorHarness.FreshInterfaceEdit(GeneratorKind.OAuthGen);
        _floorInterface = GeneratorHarness.FreshInterfaceEdit(GeneratorKind.Floor);
    }

    /// <summary>Refit: new compilation, new driver.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Cold")]
    public GeneratorDriver Refit_Cold() => _refitCold.Run();

    /// <summary>OAuthGen: new compilation, new driver.</summary>
    [Benchmark, BenchmarkCategory("Cold")]
    public GeneratorDriver OAuthGen_Cold() => _oauthGenCold.Run();

    /// <summary>Floor: new compilation, new driver.</summary>
    [Benchmark, BenchmarkCategory("Cold")]
    public GeneratorDriver Floor_Cold() => _floorCold.Run();

    /// <summary>Refit: new compilation, new driver, then the parse of what it generated.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("ColdBuild")]
    public GeneratorDriver Refit_ColdBuild() => _refitCold.RunAndParseOutput();

    /// <summary>OAuthGen: new compilation, new driver, then the parse of what it generated.</summary>
    [Benchmark, BenchmarkCategory("ColdBuild")]
    public GeneratorDriver OAuthGen_ColdBuild() => _oauthGenCold.RunAndParseOutput();

    /// <summary>Floor: new compilation, new driver, then the parse of what it generated.</summary>
    [Benchmark, BenchmarkCategory("ColdBuild")]
    public GeneratorDriver Floor_ColdBuild() => _floorCold.RunAndParseOutput();

    /// <summary>Refit: primed driver, new compilation with one unrelated type added.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("UnrelatedEdit")]
    public GeneratorDriver Refit_UnrelatedEdit() => _refitUnrelated.Run();

    /// <summary>OAuthGen: primed driver, new compilation with one unrelated type added.</summary>
    [Benchmark, BenchmarkCategory("UnrelatedEdit")]
    public GeneratorDriver OAuthGen_UnrelatedEdit() => _oauthGenUnrelated.Run();

    /// <summary>Floor: primed driver, new compilation with one unrelated type added.</summary>
    [Benchmark, BenchmarkCategory("UnrelatedEdit")]
    public GeneratorDriver Floor_UnrelatedEdit() => _floorUnrelated.Run();

    /// <summary>Refit: primed driver, new compilation with one method added to one interface.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("InterfaceEdit")]
    public GeneratorDriver Refit_InterfaceEdit() => _refitInterface.Run();

    /// <summary>OAuthGen: primed driver, new compilation with one method added to one interface.</summary>
    [Benchmark, BenchmarkCategory("InterfaceEdit")]
    public GeneratorDriver OAuthGen_InterfaceEdit() => _oauthGenInterface.Run();

    /// <summary>Floor: primed driver, new compilation with one method added to one interface.</summary>
    [Benchmark, BenchmarkCategory("InterfaceEdit")]
    public GeneratorDriver Floor_InterfaceEdit() => _floorInterface.Run();
}
