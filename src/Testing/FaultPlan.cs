using System.Collections.Generic;

namespace OAuthGen.Testing;

/// <summary>The faults waiting at each endpoint, each for a number of requests, served in the order they were injected.</summary>
internal sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly Dictionary<TestEndpoint, LinkedList<Entry>> _faults = [];

    public void Add(TestEndpoint endpoint, TestFault fault, int times)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(endpoint, out var list)) _faults[endpoint] = list = new LinkedList<Entry>();
            list.AddLast(new Entry(fault) { Remaining = times });
        }
    }

    /// <summary>The fault for the next request at <paramref name="endpoint"/>, used up by one.</summary>
    public TestFault? Take(TestEndpoint endpoint)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(endpoint, out var list) || list.First is not { } first) return null;
            if (--first.Value.Remaining <= 0) list.RemoveFirst();
            return first.Value.Fault;
        }
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    private sealed class Entry(TestFault fault)
    {
        public TestFault Fault { get; } = fault;

        public int Remaining { get; set; }
    }
}
