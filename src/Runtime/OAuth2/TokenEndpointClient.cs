using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Calls the OAuth 2.0 token endpoint (and the revocation endpoint, which authenticates the same way): grant parameters,
/// client authentication, <see cref="RemoteAppOptions.AccessTokenHeaders"/>, <c>Accept: application/json</c>.
/// </summary>
/// <remarks>With DPoP (<paramref name="dpop"/>), every grant carries a proof (RFC 9449 §5) and a <c>use_dpop_nonce</c> answer is
/// followed by one more attempt with the server's nonce (§8); revocation requests carry none.</remarks>
internal sealed class TokenEndpointClient(RemoteApp app, DPoPBinding? dpop = null)
{
    private RemoteAppOptions Options => app.Settings;

    /// <summary>Sends a grant and reads the token from the answer.</summary>
    /// <param name="endpoint">The absolute token endpoint.</param>
    /// <param name="method">POST, or GET for Facebook-style endpoints (the parameters then go to the query).</param>
    /// <param name="parameters">The grant's parameters.</param>
    /// <param name="lastParameters">Merged after everything else, replacing same-named parameters (<see cref="RemoteAppOptions.AccessTokenParams"/>).</param>
    /// <param name="leg">Which grant this is: whether it may be sent again, and how its failures are reported.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<OAuthToken> RequestTokenAsync(Uri endpoint, HttpMethod method, FormData parameters,
        IDictionary<string, string>? lastParameters, RequestLeg leg, CancellationToken cancellationToken)
    {
        try
        {
            var token = await ReadTokenAsync(endpoint, method, parameters, lastParameters, leg, cancellationToken).ConfigureAwait(false);
            app.Metrics.RecordTokenRequest(Options.Name, leg, failure: null);
            return token;
        }
        catch (Exception e) when (app.Metrics.TokenRequestFailed(Options.Name, leg, e))
        {
            throw; // not reached: the filter records and declines
        }
    }

    private async Task<OAuthToken> ReadTokenAsync(Uri endpoint, HttpMethod method, FormData parameters,
        IDictionary<string, string>? lastParameters, RequestLeg leg, CancellationToken cancellationToken)
    {
        var (response, secrets) = await ExchangeAsync(endpoint, method, parameters, lastParameters, leg, cancellationToken).ConfigureAwait(false);
        // expires_in counts from receipt: the token is stored with an absolute expiry, never rebuilt from expires_in later.
        var token = TokenResponseReader.Read(response, Options.Name, Options.ContentType is not null, Options.TimeProvider.GetUtcNow(), secrets);
        if (!AcceptsTokenType(Options, token.TokenType))
        {
            // RFC 6749 §7.1: a client must not use a token whose type it does not understand. Sent as a bearer token, a
            // DPoP or MAC token would fail at every resource server (or, worse, work where its proof is not checked).
            throw new OAuthException(OAuthErrorType.UnsupportedTokenType,
                $"The token endpoint of '{Options.Name}' issued a token of type '{secrets.With(token.AccessToken, token.RefreshToken).Scrub(token.TokenType!)}', which this client " +
                "does not implement (it sends bearer tokens, and DPoP tokens with RemoteAppOptions.UseDPoP; see RemoteAppOptions.TokenTypePolicy). The token was not used.", response);
        }
        return token;
    }

    /// <summary>
    /// Whether a token of <paramref name="tokenType"/> may be used: a bearer token (any case, or no type at all), a type
    /// <see cref="RemoteAppOptions.TokenTypePolicy"/> accepts, or the configured <see cref="RemoteAppOptions.TokenType"/>
    /// word (a provider that calls its bearer tokens "OAuth2" and wants that word in the header).
    /// </summary>
    public static bool AcceptsTokenType(RemoteAppOptions options, string? tokenType)
    {
        // A DPoP-bound token is usable only with proofs of its key (RFC 9449 §7.1), whatever the policy lists.
        if (string.Equals(tokenType, DPoPBinding.Scheme, StringComparison.OrdinalIgnoreCase)) return options.UseDPoP;
        return options.TokenTypePolicy.Accepts(tokenType)
            || string.Equals(tokenType, "bearer", StringComparison.OrdinalIgnoreCase)
            || string.Equals(tokenType, options.TokenType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Sends an authenticated form to <paramref name="endpoint"/> and returns the parsed response, whatever its status.</summary>
    public async Task<OAuthResponse> SendAsync(Uri endpoint, HttpMethod method, FormData parameters,
        IDictionary<string, string>? lastParameters, RequestLeg leg, CancellationToken cancellationToken) =>
        (await ExchangeAsync(endpoint, method, parameters, lastParameters, leg, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>
    /// <see cref="SendAsync"/>, also returning every secret the request carried (the app's, the grant's, and the client
    /// assertion made for this request), for scrubbing server text that echoes the request.
    /// </summary>
    public async Task<(OAuthResponse Response, KnownSecrets Secrets)> ExchangeAsync(Uri endpoint, HttpMethod method, FormData parameters,
        IDictionary<string, string>? lastParameters, RequestLeg leg, CancellationToken cancellationToken)
    {
        var proof = leg == RequestLeg.Revocation ? null : dpop;
        var exchange = await SendOnceAsync(endpoint, method, parameters, lastParameters, leg, proof, cancellationToken).ConfigureAwait(false);
        if (proof is not null && proof.AcceptTokenNonceChallenge(endpoint, exchange.Response))
        {
            // RFC 9449 §8: the server refused the grant for want of its nonce, before using the code or refresh token, so
            // the one more attempt (a new request, with a new proof) is no second use of a single-use grant.
            exchange = await SendOnceAsync(endpoint, method, parameters, lastParameters, leg, proof, cancellationToken).ConfigureAwait(false);
            proof.AcceptTokenNonceChallenge(endpoint, exchange.Response);
        }
        return exchange;
    }

    private async Task<(OAuthResponse Response, KnownSecrets Secrets)> SendOnceAsync(Uri endpoint, HttpMethod method, FormData parameters,
        IDictionary<string, string>? lastParameters, RequestLeg leg, DPoPBinding? proof, CancellationToken cancellationToken)
    {
        app.EnsureSecure(endpoint);
        var form = new FormData(parameters);
        var basic = ClientAuthentication.Apply(Options, form, await ClientAuthentication.AssertionAudienceAsync(app, cancellationToken).ConfigureAwait(false));
        if (lastParameters is { Count: > 0 }) form = MergeLast(form, lastParameters);

        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, RequestData.AppendQuery(endpoint, form))
            : new HttpRequestMessage(method, endpoint)
            {
                Content = RequestData.CreateContent(form, BodyFormat.UrlEncoded, null, Options.Encoding, null),
            };
        // GitHub answers form-urlencoded unless asked for JSON; the reader copes with either.
        request.Headers.Accept.ParseAdd(RequestData.JsonMediaType);
        request.Headers.Authorization = basic;
        foreach (var header in Options.AccessTokenHeaders)
        {
            // Configured headers replace the two set above (Remove would throw for content header names).
            if (string.Equals(header.Key, "Accept", StringComparison.OrdinalIgnoreCase)) request.Headers.Accept.Clear();
            if (string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)) request.Headers.Authorization = null;
            RequestHeaders.Add(request, header.Key, header.Value);
        }
        proof?.AddProof(request, accessToken: null, Options.TimeProvider.GetUtcNow());
        var call = new RemoteAppCall(app, leg);
        var response = await app.Pipeline.SendAsync(request, call, Options.ContentType, cancellationToken).ConfigureAwait(false);
        return (response, KnownSecrets.Of(Options).WithFields(form));
    }

    /// <summary>Configured parameters win over the grant's own (flask-oauthlib merges access_token_params last).</summary>
    private static FormData MergeLast(FormData form, IDictionary<string, string> last)
    {
        var merged = new FormData();
        foreach (var pair in form)
        {
            if (!last.ContainsKey(pair.Key)) merged.Add(pair.Key, pair.Value);
        }
        foreach (var pair in last) merged.Add(pair.Key, pair.Value);
        return merged;
    }
}
