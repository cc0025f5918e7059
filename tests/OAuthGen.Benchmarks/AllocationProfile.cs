using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks;

/// <summary>
/// <c>--alloc-profile Class.Method</c>: runs one benchmark in a loop and prints the exact bytes per operation plus which
/// types those bytes are, from the runtime's GC AllocationTick events (one sample per ~100 KB allocated, naming the
/// type of the object that crossed the threshold: over many operations, each type's share of samples is its share of
/// the bytes). That is how docs/benchmarks.md says what a missed allocation goal is made of.
/// </summary>
internal static class AllocationProfile
{
    public static async Task<int> RunAsync(string target, int operations)
    {
        var dot = target.LastIndexOf('.');
        var type = typeof(AllocationProfile).Assembly.GetTypes().SingleOrDefault(t => t.Name == target[..dot]);
        var method = type?.GetMethod(target[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance);
        if (type is null || method?.GetCustomAttribute<BenchmarkAttribute>() is null)
        {
            Console.Error.WriteLine($"No benchmark {target} (expected Class.Method).");
            return 2;
        }
        var instance = Activator.CreateInstance(type)!;
        foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
        {
            setup.Invoke(instance, null);
        }
        for (var i = 0; i < 1000; i++) await InvokeAsync(method, instance); // JIT, tiering, caches

        using var listener = new AllocationTickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < operations; i++) await InvokeAsync(method, instance);
        var perOperation = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)operations;

        Console.WriteLine($"{target}: {perOperation:F0} B/op over {operations} ops; by type (AllocationTick samples):");
        var total = listener.Samples.Values.Sum();
        foreach (var (name, count) in listener.Samples.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine($"  {100.0 * count / total,5:F1}%  ~{perOperation * count / total,7:F0} B/op  {name}");
        }
        return 0;
    }

    private static async ValueTask InvokeAsync(MethodInfo method, object instance)
    {
        if (method.Invoke(instance, null) is Task task) await task;
    }

    private sealed class AllocationTickListener : EventListener
    {
        public Dictionary<string, int> Samples { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1 /* GC */);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
            var name = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            lock (Samples) Samples[name] = Samples.GetValueOrDefault(name) + 1;
        }
    }
}
