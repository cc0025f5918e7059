using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>OAuth 1.0a (RFC 5849): temporary credentials, authorization, token credentials, signed requests.</summary>
internal sealed class OAuth1Protocol(RemoteApp app) : OAuthProtocol(app)
{
    public override Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken) =>
        throw new NotImplementedException("OAuth 1.0a flow: issue #2.");

    public override Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken) =>
        throw new NotImplementedException("OAuth 1.0a flow: issue #2.");

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken) =>
        throw new NotImplementedException("OAuth 1.0a signing: issue #2.");
}
