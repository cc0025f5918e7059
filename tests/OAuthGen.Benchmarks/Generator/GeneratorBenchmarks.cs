using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>
/// Secondary: OAuthGen's generator against Refit 16.4's on one compilation reused by every run (Refit's own harness
/// does this), cold (fresh driver) and incremental (primed driver, the compilation plus one unrelated type), on the
/// 40 × 12 corpus (<see cref="GeneratorCorpus"/>). Binding the first run did is not paid again, so this shows the
/// generators' own work without the compiler's; what users pay is <see cref="FreshCompilationBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private GeneratorRun _refitCold = null!;
    private GeneratorRun _refitIncremental = null!;
    private GeneratorRun _oauthGenCold = null!;
    private GeneratorRun _oauthGenIncremental = null!;

    /// <summary>Builds the four runs; the corpus is parsed and bound once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _refitCold = GeneratorHarness.Cold(GeneratorKind.Refit);
        _refitIncremental = GeneratorHarness.Incremental(GeneratorKind.Refit);
        _oauthGenCold = GeneratorHarness.Cold(GeneratorKind.OAuthGen);
        _oauthGenIncremental = GeneratorHarness.Incremental(GeneratorKind.OAuthGen);
    }

    /// <summary>Refit: fresh driver.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Cold")]
    public GeneratorDriver Refit_Cold() => _refitCold.Run();

    /// <summary>OAuthGen: fresh driver.</summary>
    [Benchmark, BenchmarkCategory("Cold")]
    public GeneratorDriver OAuthGen_Cold() => _oauthGenCold.Run();

    /// <summary>Refit: primed driver after one unrelated edit.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Incremental")]
    public GeneratorDriver Refit_Incremental() => _refitIncremental.Run();

    /// <summary>OAuthGen: primed driver after one unrelated edit.</summary>
    [Benchmark, BenchmarkCategory("Incremental")]
    public GeneratorDriver OAuthGen_Incremental() => _oauthGenIncremental.Run();
}
