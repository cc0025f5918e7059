using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636): the redirect URL, and the pending authorization
/// (state, code verifier, exact redirect_uri, the discovered issuer) the callback is checked against.
/// </summary>
/// <remarks>
/// Checks: the redirect_uri is absolute and has no fragment (§3.1.2); the flow's own parameters cannot be overridden;
/// state is never empty. Authorization parameters: <see cref="RemoteAppOptions.RequestTokenParams"/> first, then the
/// call's, which replace configured ones of the same name (flask-oauthlib's precedence; Authlib's is the opposite).
/// <para>Pushed (RFC 9126) when a pushed authorization request endpoint is configured or discovered: the parameters go to the
/// server with client authentication, and the redirect carries only client_id and the request_uri. With DPoP, dpop_jkt binds
/// the code to the app's key (RFC 9449 §10).</para>
/// </remarks>
internal sealed class AuthorizationRequest(RemoteApp app, OAuth2Endpoints endpoints, DPoPBinding? dpop = null)
{
    /// <summary>Parameters the flow itself owns: overriding them would break the exchange that follows.</summary>
    private static readonly string[] FlowParameters = ["response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "request_uri", "dpop_jkt"];

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Builds the redirect to the authorization endpoint and what the callback will need.</summary>
    /// <exception cref="ArgumentException">The callback or parameters are unusable; nothing was sent.</exception>
    public async Task<AuthorizationRedirect> CreateAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken)
    {
        // redirect_uri must be absolute and must not include a fragment (RFC 6749 §3.1.2): the response parameters would
        // be appended after it, where no server-side callback can read them. A lone "#" is a fragment too.
        if (!UrlResolver.IsAbsoluteCallback(callback))
        {
            throw new ArgumentException($"The OAuth 2.0 callback (redirect_uri) must be an absolute URL, not '{callback}'.", nameof(callback));
        }
        if (callback.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The OAuth 2.0 callback (redirect_uri) must not include a fragment ('#...'; RFC 6749 §3.1.2).", nameof(callback));
        }
        var configured = Options.RequestTokenParams;
        var call = parameters?.ToList() ?? [];
        CheckNotFlowParameters(configured.Keys, "RequestTokenParams");
        CheckNotFlowParameters(call.Select(p => p.Key), nameof(parameters));

        var endpoint = await endpoints.AuthorizationAsync(cancellationToken).ConfigureAwait(false);
        // The issuer is kept only when the request goes to the endpoint its document names: the callback's iss is compared
        // with the issuer of the server the request was sent to (RFC 9207 §2.4).
        var metadata = Options.AuthorizeUrl is null ? await endpoints.MetadataAsync(cancellationToken).ConfigureAwait(false) : null;
        var clientId = RemoteAppOptionsValidator.RequireCredential(Options, Options.ConsumerKey, nameof(RemoteAppOptions.ConsumerKey));

        // A configured constant state is refused by the validator: it would let an attacker replay it (login CSRF).
        state ??= call.FirstOrDefault(p => p.Key == "state").Value
            ?? Options.StateGenerator?.Invoke()
            ?? AuthorizationState.Generate();
        if (state.Length == 0) throw new ArgumentException("The state must not be empty.", nameof(state));

        // A scope list given as repeated parameters is space-joined (RFC 6749 §3.3).
        var callScopes = call.Where(p => p.Key == "scope").Select(p => p.Value).ToList();
        var scope = callScopes.Count > 0 ? string.Join(' ', callScopes) : Configured(configured, "scope") ?? Options.Scope;

        var nonce = OpenIdConnectRequest.Nonce(Options, scope, configured, call);

        var pkce = Options.CodeChallengeMethod == CodeChallengeMethod.None ? null : Pkce.Create(Options.CodeChallengeMethod);

        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", callback),
        };
        if (!string.IsNullOrEmpty(scope)) query.Add(new("scope", scope));
        query.Add(new("state", state));
        if (nonce is not null) query.Add(new("nonce", nonce));
        if (pkce is not null)
        {
            query.Add(new("code_challenge", pkce.Challenge));
            query.Add(new("code_challenge_method", pkce.MethodName));
        }
        if (dpop is not null) query.Add(new("dpop_jkt", dpop.Proofs.PublicKey.Thumbprint));
        var callNames = call.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        query.AddRange(configured.Where(p => p.Key is not ("scope" or "state") && !callNames.Contains(p.Key) && !(nonce is not null && p.Key == "nonce")));
        query.AddRange(call.Where(p => p.Key is not ("scope" or "state") && !(nonce is not null && p.Key == "nonce")));

        DateTimeOffset? requestUriExpiresAt = null;
        if (await endpoints.PushedAuthorizationAsync(cancellationToken).ConfigureAwait(false) is { } pushEndpoint)
        {
            var (requestUri, expiresAt) = await new PushedAuthorizationRequest(app).PushAsync(pushEndpoint,
                query.Where(p => p.Key != "client_id"), cancellationToken).ConfigureAwait(false);
            query = [new("client_id", clientId), new("request_uri", requestUri)];
            requestUriExpiresAt = expiresAt;
        }

        var pending = new PendingAuthorization
        {
            AppName = Options.Name,
            RedirectUri = callback,
            CreatedAt = Options.TimeProvider.GetUtcNow(),
            State = state,
            CodeVerifier = pkce?.Verifier,
            Issuer = metadata?.Issuer,
            RequireIssuer = metadata?.IssParameterSupported == true,
            Nonce = nonce,
            OpenIdConnect = OpenIdConnectRequest.AsksForOpenId(scope),
        };
        return new AuthorizationRedirect(RequestData.AppendQuery(endpoint, query), pending) { RequestUriExpiresAt = requestUriExpiresAt };
    }

    private static string? Configured(IDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) ? value : null;

    private static void CheckNotFlowParameters(IEnumerable<string> names, string source)
    {
        foreach (var name in names)
        {
            if (FlowParameters.Contains(name))
            {
                throw new ArgumentException(
                    $"'{name}' is set by the authorization flow itself (from the callback and options) and cannot be given in {source}.", source);
            }
        }
    }

}
