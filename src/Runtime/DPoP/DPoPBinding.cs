using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;

namespace OAuthGen;

/// <summary>
/// An app's use of DPoP (RFC 9449): proofs on token requests and on resource requests with DPoP-bound tokens, and the
/// nonce challenges of both (§8, §9). The key's proofs are made when first needed, so a key that cannot be used fails
/// the first call (<see cref="OAuthErrorType.DPoPFailed"/>) rather than the creation of the app.
/// </summary>
internal sealed class DPoPBinding(RemoteAppOptions options)
{
    /// <summary>The header that carries a proof (§4.1) and the authorization scheme of DPoP-bound tokens (§7.1).</summary>
    public const string Scheme = "DPoP";

    /// <summary>Why an app without <see cref="RemoteAppOptions.UseDPoP"/> does not send a DPoP-bound token.</summary>
    public const string NotEnabledReason =
        "it is a DPoP-bound token (token_type DPoP) and the app does not use DPoP (RemoteAppOptions.UseDPoP); it is never sent as a bearer token";

    private DPoPProofs? _proofs;

    /// <summary>The proofs of the app's key (made once).</summary>
    public DPoPProofs Proofs => Volatile.Read(ref _proofs) ?? Interlocked.CompareExchange(ref _proofs, DPoPProofs.For(options), null) ?? _proofs!;

    /// <summary>Whether <paramref name="token"/> is bound to a key (token_type DPoP, RFC 9449 §5).</summary>
    public static bool IsDPoPToken(OAuthToken token) => string.Equals(token.TokenType, Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The refusal to send a DPoP-bound token from an app without DPoP.</summary>
    public static OAuthException NotEnabled(string appName) =>
        new(OAuthErrorType.DPoPFailed, $"The token of '{appName}' cannot be sent: {NotEnabledReason}.");

    /// <summary>Puts <c>Authorization: DPoP token</c> and a proof with <c>ath</c> on a resource request (§7.1).</summary>
    public void Authenticate(HttpRequestMessage request, OAuthToken token, DateTimeOffset now)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue(Scheme, token.AccessToken);
        AddProof(request, token.AccessToken, now);
    }

    /// <summary>Adds a proof to a token request (§5) or, with <paramref name="accessToken"/>, a resource request; replaces an earlier attempt's.</summary>
    public void AddProof(HttpRequestMessage request, string? accessToken, DateTimeOffset now)
    {
        request.Headers.Remove(Scheme);
        request.Headers.TryAddWithoutValidation(Scheme, Proofs.Create(request.Method, request.RequestUri!, accessToken, now));
    }

    /// <summary>
    /// A resource's 401 with <c>WWW-Authenticate: DPoP error="use_dpop_nonce"</c> and a <c>DPoP-Nonce</c> (§9): the nonce is
    /// kept for this and later proofs; true when the request may be sent once more.
    /// </summary>
    public bool AcceptResourceNonceChallenge(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (request.RequestUri is not { } uri || !request.Headers.Contains(Scheme)) return false;
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            // A server may hand out the next nonce with any answer (§8.2, §9).
            if (response.Headers.Contains("DPoP-Nonce")) Proofs.RememberNonce(uri, response);
            return false;
        }
        return BearerChallenge.HasError(response, "use_dpop_nonce", Scheme) && Proofs.RememberNonce(uri, response);
    }

    /// <summary>
    /// Takes the nonce of a token endpoint's answer (§8.2); true when it is the 400 <c>use_dpop_nonce</c> error (§8), after
    /// which the grant may be sent once more: the server refused it before using the code or refresh token.
    /// </summary>
    public bool AcceptTokenNonceChallenge(Uri endpoint, OAuthResponse response)
    {
        var hasNonce = response.Headers.TryGetValue("DPoP-Nonce", out var values) && values.Count > 0
            && Proofs.RememberNonce(endpoint, string.Join(",", values));
        return hasNonce && response.Status == HttpStatusCode.BadRequest
            && response.Data is JsonElement { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.ValueEquals("use_dpop_nonce");
    }
}
