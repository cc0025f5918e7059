using System.Collections.Generic;

namespace OAuthGen.Testing;

/// <summary>Every request the provider received, in arrival order, safe to read while requests arrive.</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _requests = [];

    public void Add(ReceivedRequest request)
    {
        lock (_gate) _requests.Add(request);
    }

    public IReadOnlyList<ReceivedRequest> Snapshot()
    {
        lock (_gate) return _requests.ToArray();
    }

    public void Clear()
    {
        lock (_gate) _requests.Clear();
    }
}
