using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks;

/// <summary>
/// <c>--interleaved Class [rounds]</c>: runs one class's benchmarks in turn, round after round, in one process, and prints
/// each one's fastest and median round, and their ratios to its category's baseline. On a shared machine the load changes
/// from minute to minute, and BenchmarkDotNet measures one benchmark after the other, each in its own process, so two
/// benchmarks may see different loads; here every round gives each compared variant the same moment. A round times a
/// batch of calls sized to take about 2 ms (one call for the generator runs). Under heavy load the fastest round, the
/// one that had a core to itself, is the steadier figure: the median mostly measures how much of a core the round got.
/// </summary>
internal static class InterleavedRun
{
    public static async Task<int> RunAsync(string className, int rounds)
    {
        var type = typeof(InterleavedRun).Assembly.GetTypes().SingleOrDefault(t => t.Name == className);
        var methods = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
        if (type is null || methods is null || methods.Count == 0)
        {
            Console.Error.WriteLine($"No benchmark class {className}.");
            return 2;
        }
        var instance = Activator.CreateInstance(type)!;
        foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
        {
            setup.Invoke(instance, null);
        }
        // Warm up until the code is optimized: the runtime recompiles hot methods in the background after a pause, later
        // still on a busy machine, so each variant runs for a while, three times, with pauses in between.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var method in methods)
            {
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed.TotalMilliseconds < 400) await InvokeAsync(method, instance);
            }
            await Task.Delay(300);
        }
        var batch = new Dictionary<MethodInfo, int>();
        foreach (var method in methods)
        {
            var clock = Stopwatch.StartNew();
            var calls = 0;
            while (clock.Elapsed.TotalMilliseconds < 2) { await InvokeAsync(method, instance); calls++; }
            batch[method] = Math.Max(1, calls);
        }
        var samples = methods.ToDictionary(m => m, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            // Rotate the order, so no variant always runs right after the same one.
            for (var k = 0; k < methods.Count; k++)
            {
                var method = methods[(round + k) % methods.Count];
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < batch[method]; i++) await InvokeAsync(method, instance);
                samples[method].Add(clock.Elapsed.TotalMilliseconds * 1000 / batch[method]);
            }
        }
        Console.WriteLine($"{className}: {rounds} interleaved rounds; µs per call and ratio to the category's baseline, fastest round then median");
        foreach (var method in methods)
        {
            var category = method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault();
            var baseline = methods.FirstOrDefault(m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline &&
                m.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault() == category);
            var fastest = samples[method].Min();
            var median = Median(samples[method]);
            var fastestRatio = baseline is null ? "" : (fastest / samples[baseline].Min()).ToString("F2", CultureInfo.InvariantCulture) + "x";
            var medianRatio = baseline is null ? "" : (median / Median(samples[baseline])).ToString("F2", CultureInfo.InvariantCulture) + "x";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {method.Name,-24} {category,-14} {fastest,12:F2} {fastestRatio,7} {median,12:F2} {medianRatio,7}"));
        }
        return 0;
    }

    private static async Task InvokeAsync(MethodInfo method, object instance)
    {
        if (method.Invoke(instance, null) is Task task) await task;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
