using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>What reached the peer (its <c>/_test/received</c> hook, peer/README.md), counted from a mark.</summary>
internal sealed class PeerReceived
{
    private static readonly HttpClient Http = new();
    private readonly AuthlibPeer _peer;
    private readonly int _since;

    private PeerReceived(AuthlibPeer peer, int since)
    {
        _peer = peer;
        _since = since;
    }

    /// <summary>A mark: later calls see only what arrives after it.</summary>
    public static async Task<PeerReceived> MarkAsync(AuthlibPeer peer)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(peer.Url("/_test/received?since=999999999")));
        return new PeerReceived(peer, document.RootElement.GetProperty("count").GetInt32());
    }

    /// <summary>The requests that arrived since the mark.</summary>
    public async Task<IReadOnlyList<Received>> SinceMarkAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(_peer.Url($"/_test/received?since={_since}")));
        return [.. document.RootElement.GetProperty("requests").EnumerateArray().Select(r => new Received(
            r.GetProperty("path").GetString()!, r.GetProperty("method").GetString()!, r.GetProperty("grant_type").GetString(),
            r.GetProperty("client_id").GetString(), r.GetProperty("nonce").GetString()))];
    }
}

/// <summary>One request as the peer saw it arrive.</summary>
internal sealed record Received(string Path, string Method, string? GrantType, string? ClientId, string? Nonce);
