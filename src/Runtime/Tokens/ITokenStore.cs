using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// A token getter that can also persist tokens, so refreshed OAuth 2.0 tokens are saved before they are used.
/// </summary>
public interface ITokenStore
{
    /// <summary>Returns the stored token for <paramref name="request"/>, or <see langword="null"/>.</summary>
    ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="token"/> for <paramref name="request"/>, replacing any earlier one.</summary>
    ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken);
}
