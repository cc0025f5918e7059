using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// Finds a class's [Benchmark] methods, so the equivalence tests cover every compared variant, including any added
/// later, instead of a hand-kept list that could skip one.
/// </summary>
internal static class BenchmarkMethods
{
    public static IReadOnlyList<MethodInfo> Of<T>() =>
        typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> NamesOf<T>() => Of<T>().Select(m => m.Name).ToList();

    public static async Task<object?> InvokeAsync(MethodInfo method, object instance)
    {
        var result = method.Invoke(instance, null);
        if (result is Task task)
        {
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }
        return result;
    }

    public static string? Category(MethodInfo method) =>
        method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.Single();
}
