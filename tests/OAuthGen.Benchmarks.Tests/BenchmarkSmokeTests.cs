using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xunit.Abstractions;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// The dry run that keeps the benchmarks from rotting: BenchmarkDotNet itself runs every benchmark of the project once
/// (its Dry job: one launch, no warm-up, one iteration of one invocation), in-process so no project is generated and
/// built, with the memory diagnoser on as in the real runs. A benchmark that throws, or a class BenchmarkDotNet rejects,
/// fails the test command. It measures nothing: real numbers come from the command in docs/benchmarks.md.
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryBenchmarkRunsOnceUnderBenchmarkDotNet()
    {
        var log = new AccumulationLogger();
        var artifacts = Path.Combine(Path.GetTempPath(), "oauthgen-benchmarks-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run(log, artifacts);
        }
        finally
        {
            output.WriteLine(log.GetLog());
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }

    private static void Run(AccumulationLogger log, string artifacts)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(log)
            .WithArtifactsPath(artifacts)
            // The test command may build Debug; the dry run checks that benchmarks run, not how fast.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);

        var summaries = BenchmarkRunner.Run(typeof(Program).Assembly, config);

        Assert.NotEmpty(summaries);
        Assert.All(summaries, summary =>
        {
            Assert.False(summary.HasCriticalValidationErrors, string.Join("; ", summary.ValidationErrors.Select(e => e.Message)));
            Assert.All(summary.Reports, report => Assert.True(report.Success, report.BenchmarkCase.DisplayInfo));
        });
        var ran = summaries.SelectMany(s => s.Reports).Select(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name).ToHashSet();
        var declared = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false).Length > 0)
            .Select(m => m.Name)
            .ToHashSet();
        Assert.Equal(declared.Order(), ran.Order());
    }
}
