using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// Tokens kept in memory, per app and token name. A web app keeps them in the user's session instead (samples/WebApp);
/// a store (not just a getter) lets the client save the tokens it refreshes.
/// </summary>
internal sealed class MemoryTokenStore : ITokenStore
{
    private readonly ConcurrentDictionary<TokenRequest, OAuthToken> _tokens = new();

    /// <summary>How many tokens the client saved (after refreshes).</summary>
    public int Saves { get; private set; }

    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_tokens.GetValueOrDefault(request));

    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        _tokens[request] = token;
        Saves++;
        return ValueTask.CompletedTask;
    }
}
