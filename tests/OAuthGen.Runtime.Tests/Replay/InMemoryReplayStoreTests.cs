using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.Replay;

public class InMemoryReplayStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task A_key_is_marked_once_until_it_expires_and_then_is_free_again()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryReplayStore(clock);

        Assert.True(await store.TryMarkUsedAsync("k", Start.AddMinutes(10), CancellationToken.None));
        Assert.False(await store.TryMarkUsedAsync("k", Start.AddMinutes(10), CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(await store.TryMarkUsedAsync("k", Start.AddMinutes(20), CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.TryMarkUsedAsync("k", Start.AddMinutes(20), CancellationToken.None));
    }

    [Fact]
    public async Task Expired_entries_are_evicted_so_memory_stays_bounded()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryReplayStore(clock);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(await store.TryMarkUsedAsync($"old-{i}", clock.GetUtcNow().AddMinutes(10), CancellationToken.None));
        }
        Assert.Equal(1000, store.Count);

        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True(await store.TryMarkUsedAsync("new", clock.GetUtcNow().AddMinutes(10), CancellationToken.None));

        Assert.Equal(1, store.Count);
        Assert.False(await store.TryMarkUsedAsync("new", clock.GetUtcNow().AddMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task A_steady_stream_of_flows_holds_about_one_lifetime_of_entries()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryReplayStore(clock);
        for (var i = 0; i < 10_000; i++)
        {
            // A flow a second, each valid for 10 minutes: about 600 alive at any time, plus one sweep interval.
            clock.Advance(TimeSpan.FromSeconds(1));
            await store.TryMarkUsedAsync($"flow-{i}", clock.GetUtcNow().AddMinutes(10), CancellationToken.None);
            Assert.True(store.Count <= 600 + 31, $"{store.Count} entries after {i + 1} flows");
        }
    }

    [Fact]
    public async Task Of_concurrent_marks_of_one_key_exactly_one_wins()
    {
        var store = new InMemoryReplayStore(new FakeTimeProvider(Start));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(() => store.TryMarkUsedAsync("k", Start.AddMinutes(10), CancellationToken.None).AsTask())));
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task A_cancelled_check_throws_OperationCanceledException_and_marks_nothing()
    {
        var store = new InMemoryReplayStore(new FakeTimeProvider(Start));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.TryMarkUsedAsync("k", Start.AddMinutes(10), new CancellationToken(canceled: true)).AsTask());
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void The_default_store_is_one_per_clock()
    {
        var clock = new FakeTimeProvider(Start);
        Assert.Same(InMemoryReplayStore.For(clock), InMemoryReplayStore.For(clock));
        Assert.NotSame(InMemoryReplayStore.For(clock), InMemoryReplayStore.For(new FakeTimeProvider(Start)));
        Assert.Same(InMemoryReplayStore.For(TimeProvider.System), InMemoryReplayStore.For(TimeProvider.System));
    }
}
