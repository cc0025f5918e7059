using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>One token, as a user's session would keep it; records what was saved.</summary>
internal sealed class MemoryTokenStore : ITokenStore
{
    public OAuthToken? Token { get; set; }
    public List<OAuthToken> Saved { get; } = [];

    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        lock (Saved) return ValueTask.FromResult(Token);
    }

    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        lock (Saved)
        {
            Saved.Add(token);
            Token = token;
        }
        return ValueTask.CompletedTask;
    }
}
