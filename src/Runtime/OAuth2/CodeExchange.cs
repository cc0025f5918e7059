using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The authorization response and the code exchange (RFC 6749 §4.1.2–§4.1.4): the callback is checked (no repeated
/// parameters, §3.1; state; RFC 9207 iss), the pending authorization spent, and the code exchanged with its PKCE verifier
/// and the exact redirect_uri of the request.
/// </summary>
internal sealed class CodeExchange(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint)
{
    private readonly IdTokenValidator _idTokens = new(app, endpoints);

    /// <summary>Authorization response parameters that must appear at most once (RFC 6749 §3.1, RFC 9207 §2).</summary>
    private static readonly string[] SingleValued = ["state", "code", "iss", "error"];

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Checks the callback against <paramref name="pending"/> and exchanges its code for a token.</summary>
    /// <returns>The token, or the denial.</returns>
    /// <exception cref="OAuthException">The callback is not this flow's, is malformed, or the exchange failed.</exception>
    public async Task<AuthorizationResult> CompleteAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken)
    {
        // RFC 6749 §3.1: parameters must not be repeated. With two states or codes, which one counts is a guess an
        // attacker could steer (the first for one component, the last for another); refused before anything is spent.
        foreach (var name in SingleValued)
        {
            if (callback.GetValues(name).Count > 1)
            {
                throw new OAuthException(OAuthErrorType.InvalidResponse,
                    $"The callback for '{Options.Name}' repeats the parameter '{name}' (RFC 6749 §3.1 forbids it); it was refused.");
            }
        }
        var error = callback["error"];
        var state = callback["state"];
        if (pending.State is null)
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The pending authorization for '{Options.Name}' has no state, so the callback cannot be verified.");
        }
        // An error redirect may come without state (some providers drop it); it grants nothing, so it is reported as it is.
        if ((state is not null || error is null) && !EchoedValue.Matches(pending.State, state))
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The callback for '{Options.Name}' {(state is null ? "has no state" : "carries a state that is not the one this flow started with")}: " +
                "it was forged, or belongs to another flow (another tab, an old link).");
        }
        // Verified as this flow's callback, so it spends the flow (a denial too); an error without state is not verified
        // and must not spend the user's real flow.
        if (state is not null)
        {
            await PendingAuthorizationReplay.ConsumeAsync(Options, pending, cancellationToken).ConfigureAwait(false);
            CheckIssuer(callback["iss"], pending);
        }
        if (error is not null)
        {
            var description = callback["error_description"];
            if (error == "access_denied")
            {
                var uri = Uri.TryCreate(callback["error_uri"], UriKind.Absolute, out var parsed) ? parsed : null;
                return AuthorizationResult.Denied(error, description, uri);
            }
            var secrets = KnownSecrets.Of(Options).With(pending.CodeVerifier);
            throw new OAuthException(OAuthErrorType.AuthorizationError, secrets.Scrub(
                $"The authorization server of '{Options.Name}' redirected back with error '{error}'" + (description is null ? "." : $": {description}")))
            {
                Error = secrets.Scrub(error),
                ErrorDescription = secrets.ScrubOrNull(description),
            };
        }
        if (callback["code"] is not { Length: > 0 } code)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The callback for '{Options.Name}' has neither a code nor an error.");
        }

        var form = new FormData
        {
            { "grant_type", "authorization_code" },
            { "code", code },
            // Byte for byte what the authorization request sent (RFC 6749 §4.1.3), or the server refuses the code.
            { "redirect_uri", pending.RedirectUri },
        };
        if (pending.CodeVerifier is { } verifier) form.Add("code_verifier", verifier);
        var endpoint = await endpoints.TokenAsync(cancellationToken).ConfigureAwait(false);
        var token = await tokenEndpoint.RequestTokenAsync(endpoint, Options.AccessTokenMethod, form, Options.AccessTokenParams,
            RequestLeg.CodeExchange, cancellationToken).ConfigureAwait(false);
        // OpenID Connect (the flow asked for openid): the sign-in counts only with a valid id_token (OIDC Core §3.1.3.7).
        if (pending.OpenIdConnect)
        {
            return AuthorizationResult.Granted(token, await _idTokens.ValidateAsync(token, pending, cancellationToken).ConfigureAwait(false));
        }
        return AuthorizationResult.Granted(token);
    }

    /// <summary>
    /// RFC 9207 §2.4: an <c>iss</c> in the callback must be the issuer the request went to; when the server advertised
    /// <c>authorization_response_iss_parameter_supported</c> it must be there. Identical strings, nothing trimmed. Checked
    /// after the flow is spent: a flow answered by another server must start again.
    /// </summary>
    private void CheckIssuer(string? iss, PendingAuthorization pending)
    {
        if (pending.Issuer is not { } expected) return;
        if (iss is null ? pending.RequireIssuer : iss != expected)
        {
            throw new OAuthException(OAuthErrorType.IssuerMismatch,
                $"The callback for '{Options.Name}' {(iss is null ? "has no iss, which its authorization server promises (RFC 9207)" : "names another issuer than the authorization server the request went to (RFC 9207)")}: " +
                "it may come from another server (a mix-up attack). Start the sign-in again.");
        }
    }
}
