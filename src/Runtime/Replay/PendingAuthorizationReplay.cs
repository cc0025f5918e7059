using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Spends a pending authorization: the first callback that passed its state / <c>oauth_token</c> check may go on to the
/// token endpoint; every later use within the flow's lifetime is refused before anything is sent, even when the first
/// one failed (an authorization code or verifier is single-use, and a lenient OAuth 1.0a provider would grant again).
/// </summary>
internal static class PendingAuthorizationReplay
{
    /// <summary>Marks <paramref name="pending"/> used in the app's <see cref="IReplayStore"/>.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.PendingAuthorizationUsed"/>: it was used before.</exception>
    public static async ValueTask ConsumeAsync(RemoteAppOptions options, PendingAuthorization pending, CancellationToken cancellationToken)
    {
        var store = options.ReplayStore ?? InMemoryReplayStore.For(options.TimeProvider);
        var expiresAt = pending.CreatedAt + options.PendingAuthorizationLifetime;
        if (!await store.TryMarkUsedAsync(Key(pending), expiresAt, cancellationToken).ConfigureAwait(false))
        {
            throw new OAuthException(OAuthErrorType.PendingAuthorizationUsed,
                $"This authorization of '{options.Name}' was already completed (or failed); a pending authorization can be used " +
                "once. The callback was replayed (a reloaded or resubmitted page); start the sign-in again.");
        }
    }

    /// <summary>
    /// The store key: a SHA-256 over what identifies the flow (app, state or request token, start time), so the store
    /// never holds the state or request token in clear. Each part is length-prefixed, so no two flows share a key.
    /// </summary>
    internal static string Key(PendingAuthorization pending)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"oauthgen-pending-v1|{Part(pending.AppName)}|{Part(pending.State)}|{Part(pending.RequestToken)}|{pending.CreatedAt.UtcTicks}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Part(string? value) => value is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}");
}
