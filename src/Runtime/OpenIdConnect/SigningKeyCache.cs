using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen;

/// <summary>
/// The JWKS documents (the servers' signing keys) by URL, shared by every app in the process: read on first use, again
/// after <see cref="OpenIdConnectPolicy.JwksCacheLifetime"/>, and again when an id_token names a <c>kid</c> the cached
/// set lacks (the server rotated its keys), at most once per <see cref="OpenIdConnectPolicy.JwksRefreshMinInterval"/>.
/// </summary>
/// <remarks>
/// Shared per URL because generated clients are often created per scope (typed HttpClients): a per-client cache would
/// read the keys on every sign-in. The rate limit is per URL too, so made-up key ids cannot make any client hammer the server.
/// </remarks>
internal static class SigningKeyCache
{
    private sealed record Entry(JsonWebKeySet Keys, DateTimeOffset FetchedAt)
    {
        public bool Has(string kid) => Keys.Keys.Any(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
    }

    private static readonly ConcurrentDictionary<string, Entry> Sets = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// The keys at <paramref name="url"/>, read again when the cached set is too old or lacks <paramref name="kid"/> and
    /// the last read is at least <see cref="OpenIdConnectPolicy.JwksRefreshMinInterval"/> ago.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DiscoveryFailed"/> when the set cannot be fetched or read.</exception>
    public static async Task<JsonWebKeySet> GetAsync(RemoteApp app, Uri url, string? kid, CancellationToken cancellationToken)
    {
        var key = url.AbsoluteUri;
        if (Usable(app, key, kid) is { } cached) return cached.Keys;
        var gate = Gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have read the set while this one waited.
            if (Usable(app, key, kid) is { } fresh) return fresh.Keys;
            var keys = await FetchAsync(app, url, cancellationToken).ConfigureAwait(false);
            Sets[key] = new Entry(keys, app.Settings.TimeProvider.GetUtcNow());
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The cached entry when no read is due (or allowed), else <see langword="null"/>.</summary>
    private static Entry? Usable(RemoteApp app, string key, string? kid)
    {
        if (!Sets.TryGetValue(key, out var entry)) return null;
        var policy = app.Settings.OpenIdConnectPolicy;
        var age = app.Settings.TimeProvider.GetUtcNow() - entry.FetchedAt;
        if (age >= policy.JwksCacheLifetime || age < TimeSpan.Zero) return null;
        if (kid is null || entry.Has(kid)) return entry;
        // An unknown kid: read again, unless the set was read too recently (the token then fails its signature check).
        return age < policy.JwksRefreshMinInterval ? entry : null;
    }

    private static async Task<JsonWebKeySet> FetchAsync(RemoteApp app, Uri url, CancellationToken cancellationToken)
    {
        OAuthResponse response;
        try
        {
            app.EnsureSecure(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/jwk-set+json");
            request.Headers.Accept.ParseAdd(RequestData.JsonMediaType);
            response = await app.Pipeline.SendAsync(request, new RemoteAppCall(app, RequestLeg.Discovery), RequestData.JsonMediaType,
                cancellationToken).ConfigureAwait(false);
        }
        catch (OAuthException e)
        {
            throw Failed(url, $"it could not be fetched ({e.Message})", null, e);
        }
        if (!response.IsSuccessStatusCode) throw Failed(url, $"the server answered HTTP {(int)response.Status}", response);
        try
        {
            var keys = new JsonWebKeySet(Encoding.UTF8.GetString(response.RawData));
            return keys.Keys.Count > 0 ? keys : throw Failed(url, "it holds no keys", response);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            throw Failed(url, "it is not a JSON Web Key Set (RFC 7517 §5)", response, e);
        }
    }

    private static OAuthException Failed(Uri url, string reason, OAuthResponse? response, Exception? inner = null) =>
        new(OAuthErrorType.DiscoveryFailed, $"Reading the JWKS at {url.GetLeftPart(UriPartial.Path)} failed: {reason}.", response, inner);
}
