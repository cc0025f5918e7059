using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Pushes authorization parameters to the server (RFC 9126 §2): a form POST with client authentication, answered by a
/// <c>request_uri</c> that stands for them in the redirect, valid for <c>expires_in</c> seconds.
/// </summary>
internal sealed class PushedAuthorizationRequest(RemoteApp app)
{
    private RemoteAppOptions Options => app.Settings;

    /// <summary>Pushes <paramref name="parameters"/> (every authorization parameter but client_id, which client authentication adds).</summary>
    /// <returns>The request_uri and when it expires.</returns>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.PushedAuthorizationFailed"/>: an error or an unusable answer.</exception>
    public async Task<(string RequestUri, DateTimeOffset ExpiresAt)> PushAsync(Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        app.EnsureSecure(endpoint);
        var form = new FormData();
        foreach (var pair in parameters) form.Add(pair.Key, pair.Value);
        // The same client authentication as at the token endpoint (RFC 9126 §2), whatever methods it learns.
        var basic = ClientAuthentication.Apply(Options, form,
            await ClientAuthentication.AssertionAudienceAsync(app, cancellationToken).ConfigureAwait(false));
        // A public client is identified by client_id alone; §2.1 asks for it in the body whatever the method.
        if (!form.Contains("client_id")) form.Add("client_id", Options.ConsumerKey!);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = RequestData.CreateContent(form, BodyFormat.UrlEncoded, null, Options.Encoding, null),
        };
        request.Headers.Accept.ParseAdd(RequestData.JsonMediaType);
        request.Headers.Authorization = basic;
        var response = await app.Pipeline.SendAsync(request, new RemoteAppCall(app, RequestLeg.PushedAuthorization), RequestData.JsonMediaType,
            cancellationToken).ConfigureAwait(false);
        var receivedAt = Options.TimeProvider.GetUtcNow();

        var body = response.Data is JsonElement { ValueKind: JsonValueKind.Object } json ? json : default;
        if (response.Status is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            // The server knows the client's secret and may echo it, or the assertion just sent: masked by value.
            var secrets = KnownSecrets.Of(Options).WithFields(form);
            var error = secrets.ScrubOrNull(JsonMember.Text(body, "error"));
            var description = secrets.ScrubOrNull(JsonMember.Text(body, "error_description"));
            throw new OAuthException(OAuthErrorType.PushedAuthorizationFailed,
                $"The pushed authorization request endpoint of '{Options.Name}' answered HTTP {(int)response.Status}" +
                (error is null ? " without an OAuth error code." : $" with error '{error}'{(description is null ? "." : $": {description}")}"), response)
            {
                Error = error,
                ErrorDescription = description,
            };
        }
        // RFC 9126 §2.2: both members are required; a request_uri without a lifetime cannot be judged fresh.
        var requestUri = JsonMember.Text(body, "request_uri");
        if (string.IsNullOrEmpty(requestUri)
            || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("expires_in", out var expiresIn) || !expiresIn.TryGetInt64(out var seconds) || seconds <= 0)
        {
            throw new OAuthException(OAuthErrorType.PushedAuthorizationFailed,
                $"The pushed authorization request endpoint of '{Options.Name}' answered without a request_uri and a positive expires_in (RFC 9126 §2.2).",
                response);
        }
        return (requestUri, receivedAt.AddSeconds(seconds));
    }
}
