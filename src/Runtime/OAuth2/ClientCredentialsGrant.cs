using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The client credentials grant (RFC 6749 §4.4), with its process-wide cache: one request per app, client, endpoint and
/// scope however many callers ask at once, and the token reused within <see cref="TokenCachePolicy"/>'s bounds.
/// </summary>
internal sealed class ClientCredentialsGrant(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint, TokenRefresher refresher)
{
    /// <summary>Client credentials tokens, per app and scope, reused within <see cref="TokenCachePolicy"/>'s bounds.</summary>
    private static readonly SharedFlights<ClientCredentialsKey, CachedClientCredentials> ClientCredentialsTokens = new(retainCompletedFor: null);

    private RemoteAppOptions Options => app.Settings;

    /// <summary>A token for <paramref name="scope"/> (or the configured scope): cached, or requested once for every caller.</summary>
    /// <exception cref="OAuthException">The token endpoint failed or did not answer within the timeout.</exception>
    public async Task<OAuthToken> RequestAsync(string? scope, CancellationToken cancellationToken)
    {
        scope ??= Options.Scope;
        // Everything that changes which token the server issues is in the key: two apps of the same name with another
        // audience (AccessTokenParams), tenant (BaseUrl) or secret must never share a cached token.
        var key = new ClientCredentialsKey(Options.Name, Options.ConsumerKey, Options.ConsumerSecret, Options.BaseUrl,
            Options.AccessTokenUrl ?? Options.ServerMetadataUrl, scope,
            string.Join('&', Options.AccessTokenParams.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
        var policy = Options.TokenCachePolicy;
        var clock = Options.TimeProvider;
        var shared = Options.ClientCredentialsCache ?? InProcessClientCredentialsCache.Instance;
        Func<CachedClientCredentials, bool> isReusable = c => clock.GetUtcNow() < c.ReuseUntil && refresher.IsFresh(c.Token);
        // One flight per process; inside it, the shared cache makes it one request per farm.
        var cached = await ClientCredentialsTokens.RunAsync(key, isReusable, flightToken =>
            shared.GetOrRequestAsync(key.SharedKey(), isReusable, RequestTokenAsync, flightToken).AsTask(),
            new FlightTimeout(Options.TokenRequestTimeout, Options.TimeProvider, e => new OAuthException(OAuthErrorType.TokenEndpointError,
            $"The token endpoint of '{Options.Name}' did not answer the client credentials request within TokenRequestTimeout " +
            $"({Options.TokenRequestTimeout.TotalSeconds:0.###} s); it was cancelled.", innerException: e)), cancellationToken).ConfigureAwait(false);
        // One entry per scope: bounded per app. Only this app's entries: other apps may run on other clocks.
        var appName = Options.Name;
        ClientCredentialsTokens.Trim(k => k.AppName == appName, c => clock.GetUtcNow() >= c.ReuseUntil, policy.MaxEntries);
        return cached.Token;

        async Task<CachedClientCredentials> RequestTokenAsync(CancellationToken flightToken)
        {
            var form = new FormData { { "grant_type", "client_credentials" } };
            if (!string.IsNullOrEmpty(scope)) form.Add("scope", scope);
            var endpoint = await endpoints.TokenAsync(flightToken).ConfigureAwait(false);
            // Always POST, like refresh: the client secret must not travel in a URL (AccessTokenMethod is for code exchanges).
            var token = await tokenEndpoint.RequestTokenAsync(endpoint, HttpMethod.Post, form, Options.AccessTokenParams,
                RequestLeg.ClientCredentials, flightToken).ConfigureAwait(false);
            // Without expires_in the server said nothing about the lifetime: reusing the token forever (process-wide, for
            // every new client) would hand out a token the server forgot long ago. Never past the maximum either.
            var now = clock.GetUtcNow();
            var lifetime = token.ExpiresAt is { } expiresAt ? expiresAt - now : policy.DefaultLifetime;
            return new CachedClientCredentials(token, now + (lifetime < policy.MaximumLifetime ? lifetime : policy.MaximumLifetime));
        }
    }

    /// <summary>Drops a cached token (a revoked token must not be handed out again).</summary>
    public static void Forget(string accessToken) => ClientCredentialsTokens.Forget(cached => cached.Token.AccessToken == accessToken);

    /// <summary>Holds the secret only to tell apps apart; the record is private and never printed.</summary>
    private readonly record struct ClientCredentialsKey(string AppName, string? ClientId, string? ClientSecret, string? BaseUrl,
        string? TokenEndpoint, string? Scope, string AccessTokenParams)
    {
        /// <summary>
        /// The key for <see cref="IClientCredentialsCache"/>: a SHA-256 over every part, length-prefixed so no two keys share
        /// a text. A shared cache (Redis) thus never holds the secret, the client or the scope in clear.
        /// </summary>
        public string SharedKey()
        {
            var text = new StringBuilder("oauthgen-client-credentials-v1");
            foreach (var part in (ReadOnlySpan<string?>)[AppName, ClientId, ClientSecret, BaseUrl, TokenEndpoint, Scope, AccessTokenParams])
            {
                text.Append('|').Append(part?.Length ?? -1).Append(':').Append(part);
            }
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
