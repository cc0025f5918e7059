using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Testing.Tests;

/// <summary>An app's token storage, in memory: what the client refreshes and saves back.</summary>
internal sealed class MemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<TokenRequest, OAuthToken> _tokens = new();

    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.TryGetValue(request, out var token) ? token : null);

    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        _tokens[request] = token;
        return ValueTask.CompletedTask;
    }
}
