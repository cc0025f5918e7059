using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>
/// Refreshes OAuth 2.0 tokens (RFC 6749 §6) once per refresh token in the whole process: concurrent callers wait for the
/// same request, callers that arrive later still holding the old token get the new one, and the new token is saved and
/// announced before anyone uses it. Across processes the app's <see cref="ITokenRefreshCoordinator"/> serialises the
/// flights (a farm-wide lock, and a fresh read of the token once it is held).
/// </summary>
internal sealed class TokenRefresher(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint)
{
    /// <summary>Running and recent refreshes, by the refresh token they use; kept a while for callers still holding the old token.</summary>
    private static readonly SharedFlights<RefreshKey, Refreshed> Refreshes = new(retainCompletedFor: TimeSpan.FromMinutes(5));

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Refreshes <paramref name="token"/>, or joins the refresh already under way for its refresh token.</summary>
    /// <param name="key">The token's name: the store and <see cref="RemoteAppOptions.TokenUpdated"/> get the new token under it.</param>
    /// <param name="token">The token to refresh; it must have a refresh token.</param>
    /// <param name="stored">The token came from <see cref="RemoteAppOptions.TokenStore"/> or the getter under <paramref name="key"/>:
    /// the new token is saved and announced under the key before this call returns. Otherwise the caller owns the token
    /// and gets the new one back; it is saved only for the participants whose token came from the store.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared refresh goes on for the others.</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.RefreshFailed"/>; nothing was saved.</exception>
    /// <remarks>
    /// The flight is keyed by the refresh token alone (and the app and client), not by who asked: an explicit
    /// <see cref="IRemoteApp.RefreshAsync"/> racing an automatic refresh, or two token names holding the same grant, must
    /// send the refresh token once, or rotation makes the second request fail with invalid_grant. Saving is separate from
    /// the flight and done once per token name for the participants that came from the store, whoever started it, so
    /// nobody loses the rotated token.
    /// </remarks>
    public async Task<OAuthToken> RefreshAsync(TokenRequest key, OAuthToken token, bool stored, CancellationToken cancellationToken)
    {
        var flightKey = new RefreshKey(Options.Name, Options.ConsumerKey, token.RefreshToken!);
        var refreshed = await Refreshes.RunAsync(flightKey, r => IsFresh(r.Token), flightToken => RefreshOnlyAsync(key, token, stored, flightToken),
            new FlightTimeout(Options.TokenRequestTimeout, Options.TimeProvider, e => new OAuthException(OAuthErrorType.RefreshFailed,
                $"Refreshing the token of '{Options.Name}'{NameSuffix(key)} took longer than TokenRequestTimeout " +
                $"({Options.TokenRequestTimeout.TotalSeconds:0.###} s) and was cancelled; the stored token was left as it was.", innerException: e)),
            cancellationToken).ConfigureAwait(false);
        if (!stored || (refreshed.FromStore && refreshed.StoreKey == key)) return refreshed.Token;
        // Saved and announced before anyone uses it: if the process dies now, the new refresh token is not lost. The flight
        // saved under its own key already; participants with other token names save here, once each.
        await refreshed.SaveOnceAsync(key, SaveAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        return refreshed.Token;
    }

    /// <summary>Whether <paramref name="token"/> is still good for <see cref="RemoteAppOptions.RefreshLeeway"/>.</summary>
    public bool IsFresh(OAuthToken token) =>
        // A token without a lifetime never expires: no clock read for it (a resource call asks on every call).
        token.ExpiresAt is null || !token.IsExpired(Options.TimeProvider.GetUtcNow(), Options.RefreshLeeway);

    private async Task<Refreshed> RefreshOnlyAsync(TokenRequest key, OAuthToken token, bool stored, CancellationToken flightToken)
    {
        // flightToken is the shared flight's own (its timeout), never one caller's: every waiting caller shares this work,
        // so no single caller's cancellation may stop it halfway.
        var store = stored ? Options.TokenStore : null;
        var coordinator = Options.RefreshCoordinator ?? InProcessTokenRefreshCoordinator.Instance;
        // Other processes sharing the store refresh under the same lock; in one process this lease takes none.
        var lease = await coordinator.AcquireAsync(new TokenRefreshScope(key, token, store, Options.ConsumerKey), flightToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            // An earlier flight, long forgotten, another code path or another process may already have a newer token.
            var current = await lease.ReadCurrentAsync(flightToken).ConfigureAwait(false);
            if (current is not null && current.AccessToken != token.AccessToken)
            {
                if (IsFresh(current)) return new Refreshed(current, key, FromStore: store is not null);
                // The store holds a newer grant than the caller's copy and it is due as well: refresh that one. The caller's
                // refresh token may have been rotated away by whoever stored it.
                if (store is not null && current.RefreshToken is not null) token = current;
            }
            var refreshed = new Refreshed(await RequestAsync(key, token, flightToken).ConfigureAwait(false), key, FromStore: false);
            // Saved while the lock is held: a process that takes it next must read this token, never refresh the old one.
            if (store is not null) await refreshed.SaveOnceAsync(key, SaveAsync).ConfigureAwait(false);
            await lease.CompleteAsync(refreshed.Token, CancellationToken.None).ConfigureAwait(false);
            return refreshed;
        }
    }

    /// <summary>Sends the refresh request; its result is not saved yet.</summary>
    private async Task<OAuthToken> RequestAsync(TokenRequest key, OAuthToken token, CancellationToken flightToken)
    {
        OAuthToken refreshed;
        try
        {
            var form = new FormData { { "grant_type", "refresh_token" }, { "refresh_token", token.RefreshToken! } };
            var endpoint = await endpoints.TokenAsync(flightToken).ConfigureAwait(false);
            // Always POST (RFC 6749 §3.2): AccessTokenMethod = GET exists for Facebook-style code exchanges, and a GET would
            // put the refresh token and client secret into URLs that servers and proxies log.
            var fresh = await tokenEndpoint.RequestTokenAsync(endpoint, HttpMethod.Post, form, null, RequestLeg.Refresh, flightToken)
                .ConfigureAwait(false);
            // RFC 6749 §6: a server that keeps the refresh token omits it, and an unchanged scope may be omitted too.
            refreshed = fresh with { RefreshToken = fresh.RefreshToken ?? token.RefreshToken, Scope = fresh.Scope ?? token.Scope };
        }
        catch (Exception e) when (e is not OutOfMemoryException && !app.Metrics.RefreshFailed(Options.Name, e))
        {
            // Whatever the HttpClient pipeline threw (a timeout, an open circuit, a lost connection) is the refresh's failure.
            var oauth = e as OAuthException;
            throw new OAuthException(OAuthErrorType.RefreshFailed,
                $"Refreshing the token of '{Options.Name}'{NameSuffix(key)} failed; the stored token was left as it was. {e.Message}", oauth?.Response, e)
            {
                Error = oauth?.Error,
                ErrorDescription = oauth?.ErrorDescription,
            };
        }
        app.Metrics.RecordRefresh(Options.Name, failure: null);
        Log.TokenRefreshed(app.Logger, Options.Name, NameSuffix(key), refreshed.ExpiresAt);
        return refreshed;
    }

    private async Task SaveAsync(TokenRequest key, OAuthToken refreshed)
    {
        // Not cancelled by anyone: the server has rotated the refresh token by now. A failing store must not throw the new
        // one away either: the refreshed token still reaches every waiter, and the failure is logged.
        var none = CancellationToken.None;
        try
        {
            if (Options.TokenStore is { } store) await store.SaveAsync(key, refreshed, none).ConfigureAwait(false);
            if (Options.TokenUpdated is { } updated) await updated(key, refreshed, none).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.RefreshedTokenNotSaved(app.Logger, Options.Name, NameSuffix(key), e.GetType().Name);
        }
    }

    private static string NameSuffix(TokenRequest key) => key.TokenName is null ? "" : $" '{key.TokenName}'";

    /// <summary>App and client keep apps apart; the refresh token itself is what may be used only once.</summary>
    private readonly record struct RefreshKey(string AppName, string? ClientId, string RefreshToken);

    /// <summary>A flight's result: the new token, and its saves, one per token name, shared by every participant.</summary>
    /// <param name="Token">The refreshed token (or the newer one the store already had).</param>
    /// <param name="StoreKey">The token name the flight started for.</param>
    /// <param name="FromStore">The token was read from the store under <paramref name="StoreKey"/>: it is already saved there.</param>
    private sealed record Refreshed(OAuthToken Token, TokenRequest StoreKey, bool FromStore)
    {
        private readonly ConcurrentDictionary<TokenRequest, Lazy<Task>> _saves = new();

        /// <summary>Saves the token under <paramref name="key"/> once, however many participants ask.</summary>
        public Task SaveOnceAsync(TokenRequest key, Func<TokenRequest, OAuthToken, Task> save) =>
            _saves.GetOrAdd(key, k => new Lazy<Task>(() => save(k, Token))).Value;
    }
}
