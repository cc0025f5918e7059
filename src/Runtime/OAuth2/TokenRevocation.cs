using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Token revocation (RFC 7009): the refresh token when there is one (it ends the whole grant, §2.1), else the access
/// token, with its token_type_hint; the client authenticates as at the token endpoint.
/// </summary>
internal sealed class TokenRevocation(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint)
{
    private RemoteAppOptions Options => app.Settings;

    /// <summary>Revokes <paramref name="token"/>'s grant.</summary>
    /// <exception cref="OAuthException">The revocation endpoint is unknown or answered an error.</exception>
    public async Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.RevocationAsync(cancellationToken).ConfigureAwait(false);
        // Revoking the refresh token ends the whole grant, its access tokens included (RFC 7009 §2.1).
        var (value, hint) = token.RefreshToken is { } refreshToken ? (refreshToken, "refresh_token") : (token.AccessToken, "access_token");
        var form = new FormData { { "token", value }, { "token_type_hint", hint } };
        var (response, secrets) = await tokenEndpoint.ExchangeAsync(endpoint, HttpMethod.Post, form, null, RequestLeg.Revocation, cancellationToken)
            .ConfigureAwait(false);
        TokenResponseReader.ThrowIfError(response, Options.Name, Options.ContentType is not null, secrets.With(token.AccessToken, token.RefreshToken));
        ClientCredentialsGrant.Forget(token.AccessToken);
        if (Options.ClientCredentialsCache is { } shared) await shared.ForgetAsync(token, cancellationToken).ConfigureAwait(false);
    }
}
