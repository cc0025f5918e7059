using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The OpenID Connect calls after sign-in: UserInfo (OIDC Core §5.3) with its subject check, and the end-session URL of
/// RP-Initiated Logout 1.0.
/// </summary>
internal sealed class OpenIdConnectClient(RemoteApp app, OAuth2Endpoints endpoints)
{
    private RemoteAppOptions Options => app.Settings;

    /// <summary>Calls the UserInfo endpoint with <paramref name="token"/> and checks its <c>sub</c> (OIDC Core §5.3.2).</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.HttpError"/> for a non-2xx answer;
    /// <see cref="OAuthErrorType.UserInfoInvalid"/> for an unusable response or another subject.</exception>
    public async Task<UserInfo> UserInfoAsync(OAuthToken token, string expectedSubject, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.UserInfoAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd(RequestData.JsonMediaType);
        var response = await app.SendAsync(request, token, responseContentType: null, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw ResponseErrors.HttpError(response, Options.Name);
        if (response.ContentType is { } type && type.StartsWith("application/jwt", StringComparison.OrdinalIgnoreCase))
        {
            // A signed or encrypted answer is only sent when the client registered userinfo_signed_response_alg; this client
            // does not register one, so such an answer is not what it asked for.
            throw Invalid(response, "it is a JWT (application/jwt); this client asks for and accepts plain JSON only");
        }
        JsonElement claims;
        try
        {
            claims = response.Data is JsonElement { ValueKind: JsonValueKind.Object } element
                ? element
                : throw Invalid(response, "it is not a JSON object");
        }
        catch (OAuthException e) when (e.Type == OAuthErrorType.InvalidResponse)
        {
            throw Invalid(response, "it is not valid JSON");
        }
        var subject = ClaimText.Read(claims, "sub") is { Length: > 0 } sub && claims.GetProperty("sub").ValueKind == JsonValueKind.String
            ? sub
            : throw Invalid(response, "it has no sub (OIDC Core §5.3.2 requires one)");
        if (!string.Equals(subject, expectedSubject, StringComparison.Ordinal))
        {
            // OIDC Core §5.3.2: a response about another user (token substitution) must not be used.
            throw Invalid(response, "its sub is not the id_token's (OIDC Core §5.3.2: the response must not be used)");
        }
        return new UserInfo { Subject = subject, Claims = claims.Clone() };
    }

    /// <summary>The URL that signs the user out at the provider (OIDC RP-Initiated Logout 1.0 §2).</summary>
    public async Task<Uri> EndSessionUrlAsync(string? idTokenHint, string? postLogoutRedirectUri, string? state, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.EndSessionAsync(cancellationToken).ConfigureAwait(false);
        var query = new List<KeyValuePair<string, string>>();
        if (idTokenHint is not null) query.Add(new("id_token_hint", idTokenHint));
        // client_id lets the server check post_logout_redirect_uri when no hint names the client (§2).
        if (Options.ConsumerKey is { Length: > 0 } clientId) query.Add(new("client_id", clientId));
        if (postLogoutRedirectUri is not null) query.Add(new("post_logout_redirect_uri", postLogoutRedirectUri));
        if (state is not null) query.Add(new("state", state));
        return RequestData.AppendQuery(endpoint, query);
    }

    private OAuthException Invalid(OAuthResponse response, string reason) =>
        new(OAuthErrorType.UserInfoInvalid, $"The UserInfo response for '{Options.Name}' was refused: {reason}.", response);
}
