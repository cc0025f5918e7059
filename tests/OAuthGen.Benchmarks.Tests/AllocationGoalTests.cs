using System;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Benchmarks.PerCall;
using OAuthGen.Benchmarks.Signing;

namespace OAuthGen.Benchmarks.Tests;

/// <summary>
/// Issue 7's allocation goals, kept as regression checks. Bytes allocated are exact and do not depend on the machine's
/// load, so unlike time (which only BenchmarkDotNet measures) they can be asserted in the test run. Every measured call
/// must complete synchronously (the in-memory server answers at once), so all of its allocations are on this thread.
/// </summary>
public sealed class AllocationGoalTests
{
    private const int Rounds = 8;
    private const int CallsPerRound = 1000;

    [Fact]
    public void GeneratedOAuth2CallAllocatesAtMostSevenTenthsOfRefit()
    {
        var benchmarks = new OAuth2CallBenchmarks();
        benchmarks.Setup();

        var refit = BytesPerAsyncCall(() => benchmarks.Refit());
        var oauthGen = BytesPerAsyncCall(() => benchmarks.OAuthGen());

        Assert.True(oauthGen <= 0.7 * refit, $"OAuthGen allocates {oauthGen:F0} B per call, Refit {refit:F0} B: over the 0.7x goal.");
    }

    [Fact]
    public void SigningAllocatesNothingButTheHeaderString()
    {
        var benchmarks = new SigningBenchmarks();
        var header = benchmarks.OAuthGen();

        var signing = BytesPerCall(() => benchmarks.OAuthGen());
        var headerString = BytesPerCall(() => new string('x', header.Length));

        Assert.Equal(headerString, signing);
    }

    private static double BytesPerAsyncCall<T>(Func<Task<T>> call) => BytesPerCall(() =>
    {
        var task = call();
        Assert.True(task.IsCompletedSuccessfully, "The call did not complete synchronously, so its allocations cannot be counted on this thread.");
        return task;
    });

    private static double BytesPerCall<T>(Func<T> call)
    {
        // The fewest bytes over several rounds. The first calls run tier-0 code, which heap-allocates what optimized
        // code keeps on the stack (boxes, small arrays), and the runtime installs optimized code in the background only
        // after a pause in new calls: so rounds are separated by short sleeps until the code has tiered up.
        var fewest = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < CallsPerRound; i++) GC.KeepAlive(call());
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < CallsPerRound; i++) GC.KeepAlive(call());
            fewest = Math.Min(fewest, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)CallsPerRound);
            Thread.Sleep(150);
        }
        return fewest;
    }
}
