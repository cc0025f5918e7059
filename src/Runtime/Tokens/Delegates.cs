using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>Looks up the token for a call (flask-oauthlib's <c>tokengetter</c>).</summary>
/// <returns>The token, or <see langword="null"/> when the user has none (the call then fails with <c>token_missing</c>).</returns>
public delegate ValueTask<OAuthToken?> TokenGetter(TokenRequest request, CancellationToken cancellationToken);

/// <summary>
/// Runs on every resource request after it has been signed or had its token applied (flask-oauthlib's
/// <c>pre_request</c>). It may change the URI, headers and body; for OAuth 1.0a anything changed here is unsigned.
/// </summary>
public delegate ValueTask PreRequest(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>
/// Called when a token looked up through the token store or getter was refreshed, before the new token is used; persist
/// it here when you use a <see cref="TokenGetter"/> (an <see cref="ITokenStore"/> is saved to automatically).
/// </summary>
public delegate ValueTask TokenUpdated(TokenRequest request, OAuthToken token, CancellationToken cancellationToken);
