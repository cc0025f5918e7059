using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>
/// Issue 7 (1): OAuthGen's generator against Refit 16.4's, cold and incremental, on the 40 × 12 corpus
/// (<see cref="GeneratorCorpus"/>). Refit is the baseline of each category, so the Ratio column is the goal's ratio
/// (cold ≤ 0.5, incremental ≤ 0.5).
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
