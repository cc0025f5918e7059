using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>OAuth 2.0 (RFC 6749): authorization code with PKCE and state, token endpoint grants, bearer tokens.</summary>
internal sealed class OAuth2Protocol(RemoteApp app) : OAuthProtocol(app)
{
    public override Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken) =>
        throw new NotImplementedException("OAuth 2.0 flow: issue #3.");

    public override Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken) =>
        throw new NotImplementedException("OAuth 2.0 flow: issue #3.");

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken)
    {
        BearerTokenPlacement.Apply(request, token, Options.TokenPlacement, Options.TokenType);
        return ValueTask.CompletedTask;
    }
}
