using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace OAuthGen.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher over every benchmark class in this assembly.</summary>
public static class Program
{
    /// <summary>
    /// <c>--alloc-profile Class.Method [operations]</c> prints where one benchmark's allocations go (see AllocationProfile);
    /// <c>--interleaved Class [rounds]</c> times one class's benchmarks in turn in one process (see InterleavedRun).
    /// Without an option that shapes a job (--job, --inProcess, --iterationCount...), runs BenchmarkDotNet's ShortRun job (1 launch, 3 warmup and 3 measured iterations):
    /// the machine these run on is small and shared, and the goals are ratios within one run.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is ["--alloc-profile", var target, ..])
        {
            return AllocationProfile.RunAsync(target, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000)
                .GetAwaiter().GetResult();
        }
        if (args is ["--interleaved", var benchmarkClass, ..])
        {
            return InterleavedRun.RunAsync(benchmarkClass, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200)
                .GetAwaiter().GetResult();
        }
        var config = DefaultConfig.Instance;
        // Options that shape a job make BenchmarkDotNet build its own; adding ShortRun then would run everything twice.
        string[] jobOptions = ["--job", "-j", "--inProcess", "-i", "--launchCount", "--warmupCount", "--iterationCount", "--runOncePerIteration"];
        if (!args.Any(a => jobOptions.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            config = config.AddJob(Job.ShortRun);
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
