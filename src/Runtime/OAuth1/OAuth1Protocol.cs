using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>OAuth 1.0a (RFC 5849): temporary credentials, authorization, token credentials, signed requests.</summary>
internal sealed class OAuth1Protocol(RemoteApp app) : OAuthProtocol(app)
{
    private RsaSigningKey? _rsaKey;

    public override async Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state,
        IEnumerable<KeyValuePair<string, string>>? parameters, CancellationToken cancellationToken)
    {
        // OAuth 1.0a has no state parameter: the request token ties the callback to this flow.
        if (callback != "oob" && !UrlResolver.IsAbsoluteCallback(callback))
        {
            throw new ArgumentException($"The OAuth 1.0a callback must be an absolute URL or \"oob\", not '{callback}'.", nameof(callback));
        }

        // §2.1 temporary credentials: signed with oauth_callback; the configured RequestTokenParams travel with it.
        var requestTokenUrl = App.ResolveUrl(RemoteAppOptionsValidator.RequireCredential(Options, Options.RequestTokenUrl, nameof(Options.RequestTokenUrl)));
        using var request = CreateTokenRequest(Options.RequestTokenMethod, requestTokenUrl, ConfiguredParameters(), headers: null);
        var call = new RemoteAppCall(App, RequestLeg.OAuth1RequestToken)
        {
            OAuth1Signing = new OAuth1TokenRequestSigning(Token: null, TokenSecret: null, callback, Verifier: null),
        };
        FormData fields;
        try
        {
            var response = await App.Pipeline.SendAsync(request, call, forcedContentType: null, cancellationToken).ConfigureAwait(false);
            if (response.Status == System.Net.HttpStatusCode.MethodNotAllowed) throw RequestTokenMethodRefused(response);
            fields = CredentialsResponse.Read(response, Options.Name, "request-token", KnownSecrets.Of(Options));

            // RFC 5849 §2.1 requires the literal "true"; Authlib's provider sends "True", so the comparison ignores case.
            // Absence is tolerated only when RequireCallbackConfirmed is off (providers such as TripIt never send it).
            var confirmed = fields["oauth_callback_confirmed"];
            if (confirmed is null ? Options.RequireCallbackConfirmed : !string.Equals(confirmed, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new OAuthException(OAuthErrorType.InvalidResponse,
                    $"The request-token response of '{Options.Name}' did not confirm the callback (oauth_callback_confirmed is " +
                    $"{(confirmed is null ? "missing" : $"'{KnownSecrets.Of(Options).Scrub(confirmed)}'")}, RFC 5849 §2.1)" +
                    (confirmed is null ? "; set RequireCallbackConfirmed = false for providers that never send it." : "."), response);
            }
        }
        catch (Exception e) when (App.Metrics.TokenRequestFailed(Options.Name, call.Leg, e))
        {
            throw; // not reached: the filter records and declines
        }
        App.Metrics.RecordTokenRequest(Options.Name, call.Leg, failure: null);

        // §2.2: the authorize URL carries the temporary token plus the configured and per-call parameters (per-call win).
        var requestToken = fields["oauth_token"]!;
        var query = new List<KeyValuePair<string, string>> { new("oauth_token", requestToken) };
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        if (parameters is not null)
        {
            foreach (var pair in parameters) overridden.Add(pair.Key);
        }
        foreach (var pair in ConfiguredParameters())
        {
            if (!overridden.Contains(pair.Key) && pair.Key != "oauth_token") query.Add(pair);
        }
        if (parameters is not null) query.AddRange(parameters);
        var authorizeUrl = App.ResolveUrl(RemoteAppOptionsValidator.RequireCredential(Options, Options.AuthorizeUrl, nameof(Options.AuthorizeUrl)));

        Log.RequestTokenObtained(App.Logger, Options.Name, authorizeUrl.GetLeftPart(UriPartial.Path));
        return new AuthorizationRedirect(RequestData.AppendQuery(authorizeUrl, query), new PendingAuthorization
        {
            AppName = Options.Name,
            RedirectUri = callback,
            CreatedAt = Options.TimeProvider.GetUtcNow(),
            RequestToken = requestToken,
            RequestTokenSecret = fields["oauth_token_secret"] ?? "",
        });
    }

    public override async Task<AuthorizationResult> AuthorizedResponseAsync(FormData callback, PendingAuthorization pending,
        CancellationToken cancellationToken)
    {
        if (pending.RequestToken is null)
        {
            throw new OAuthException(OAuthErrorType.NoPendingAuthorization,
                $"The pending authorization for '{Options.Name}' holds no OAuth 1.0a request token; it was not started by AuthorizeAsync of this app.");
        }
        // The callback must be for the request token this flow obtained (§2.2); compared in constant time, and before a
        // denial is believed, so a forged callback neither completes nor spends this flow. A callback without oauth_token
        // is accepted: the verifier is bound to the pending token by the provider anyway.
        if (callback["oauth_token"] is { } callbackToken && !EchoedValue.Matches(pending.RequestToken, callbackToken))
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The callback's oauth_token for '{Options.Name}' is not the request token this flow obtained; the callback belongs to another flow or was forged.");
        }
        await PendingAuthorizationReplay.ConsumeAsync(Options, pending, cancellationToken).ConfigureAwait(false);

        // A user who cancels comes back with ?denied=<token> (Twitter), an error, or just without a verifier.
        if (callback["denied"] is not null) return AuthorizationResult.Denied("denied", "The user denied access.");
        if (callback["error"] is { } error)
        {
            return AuthorizationResult.Denied(error, callback["error_description"],
                Uri.TryCreate(callback["error_uri"], UriKind.Absolute, out var errorUri) ? errorUri : null);
        }
        var verifier = callback["oauth_verifier"];
        if (string.IsNullOrEmpty(verifier)) return AuthorizationResult.Denied("denied", "The callback carried no oauth_verifier.");

        // §2.3 token credentials: signed with the temporary credentials and the verifier.
        var accessTokenUrl = App.ResolveUrl(RemoteAppOptionsValidator.RequireCredential(Options, Options.AccessTokenUrl, nameof(Options.AccessTokenUrl)));
        using var request = CreateTokenRequest(Options.AccessTokenMethod, accessTokenUrl, [.. Options.AccessTokenParams], Options.AccessTokenHeaders);
        var call = new RemoteAppCall(App, RequestLeg.OAuth1VerifierExchange)
        {
            OAuth1Signing = new OAuth1TokenRequestSigning(pending.RequestToken, pending.RequestTokenSecret, Callback: null, verifier),
        };
        FormData fields;
        try
        {
            var response = await App.Pipeline.SendAsync(request, call, forcedContentType: null, cancellationToken).ConfigureAwait(false);
            fields = CredentialsResponse.Read(response, Options.Name, "access-token", KnownSecrets.Of(Options).With(pending.RequestTokenSecret, verifier));
        }
        catch (Exception e) when (App.Metrics.TokenRequestFailed(Options.Name, call.Leg, e))
        {
            throw; // not reached: the filter records and declines
        }
        App.Metrics.RecordTokenRequest(Options.Name, call.Leg, failure: null);

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name is not ("oauth_token" or "oauth_token_secret")) extra.TryAdd(name, value);
        }
        Log.AccessTokenObtained(App.Logger, Options.Name);
        return AuthorizationResult.Granted(new OAuthToken(fields["oauth_token"]!)
        {
            Secret = fields["oauth_token_secret"],
            Extra = extra,
        });
    }

    public override ValueTask AuthenticateAsync(HttpRequestMessage request, OAuthToken token, CancellationToken cancellationToken) =>
        SignAsync(request, token.AccessToken, token.Secret, callback: null, verifier: null, Options.IncludeBodyHash, cancellationToken);

    /// <summary>Signs a temporary-credentials (§2.1) or token-credentials (§2.3) request.</summary>
    public ValueTask SignTokenRequestAsync(HttpRequestMessage request, OAuth1TokenRequestSigning signing, CancellationToken cancellationToken) =>
        SignAsync(request, signing.Token, signing.TokenSecret, signing.Callback, signing.Verifier, includeBodyHash: false, cancellationToken);

    /// <summary>
    /// Signs <paramref name="request"/> as it stands (its query, and its body when form-encoded) and places the protocol
    /// parameters where <see cref="RemoteAppOptions.SignatureType"/> says.
    /// </summary>
    private async ValueTask SignAsync(HttpRequestMessage request, string? token, string? tokenSecret, string? callback, string? verifier,
        bool includeBodyHash, CancellationToken cancellationToken)
    {
        var method = Options.SignatureMethod;
        var usesRsa = SignatureAlgorithms.UsesRsa(method);
        var consumerKey = RemoteAppOptionsValidator.RequireCredential(Options, Options.ConsumerKey, nameof(Options.ConsumerKey));
        var consumerSecret = usesRsa ? Options.ConsumerSecret
            : RemoteAppOptionsValidator.RequireCredential(Options, Options.ConsumerSecret, nameof(Options.ConsumerSecret));
        var rsaKey = usesRsa ? GetRsaKey() : null;
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));

        // §3.4.1.3.1: the body is signed only when it is application/x-www-form-urlencoded.
        var content = request.Content;
        var contentType = content?.Headers.ContentType;
        var isForm = string.Equals(contentType?.MediaType, RequestData.FormMediaType, StringComparison.OrdinalIgnoreCase);
        byte[]? body = null;
        if (content is not null && (isForm || (includeBodyHash && method != SignatureMethod.Plaintext)))
        {
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        var formBody = isForm && body is not null ? ResponseBodyParser.GetEncoding(contentType!.CharSet).GetString(body) : "";
        var bodyHash = !isForm && body is not null ? BodyHash.Compute(method, body) : null;

        var placement = Options.SignatureType;
        if (placement == SignatureType.Body && content is not null && !isForm)
        {
            throw new ArgumentException(
                $"SignatureType.Body puts the OAuth parameters in an application/x-www-form-urlencoded body (RFC 5849 §3.5.2); this {request.Method} request has a {contentType?.MediaType ?? "untyped"} body.");
        }
        if (placement == SignatureType.Body && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head))
        {
            throw new ArgumentException($"SignatureType.Body cannot sign a {request.Method} request, which has no body; use Header or Query.");
        }

        var protocol = new ProtocolParameters(consumerKey, token, method, Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            NewNonce(), callback, verifier, bodyHash);
        var signed = OAuth1Signing.Sign(request.Method.Method, uri, formBody, parameters: null, protocol, consumerSecret, tokenSecret,
            rsaKey, placement, Realm);

        switch (placement)
        {
            case SignatureType.Header:
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", signed);
                break;
            case SignatureType.Query:
                request.RequestUri = AppendToQuery(uri, signed);
                break;
            case SignatureType.Body:
                // The signed parameters are appended to the body bytes unchanged, so what was signed is what is sent.
                var newBody = body is null || body.Length == 0 ? Encoding.ASCII.GetBytes(signed) : [.. body, (byte)'&', .. Encoding.ASCII.GetBytes(signed)];
                // The unsigned body is not disposed: a retried attempt is signed again from it.
                request.Content = CopyWithBody(request.Content, newBody);
                break;
        }
    }

    /// <summary>The realm of the Authorization header: <see cref="RemoteAppOptions.Realm"/>, else a <c>realm</c> request-token parameter.</summary>
    private string? Realm => Options.Realm ?? (Options.RequestTokenParams.TryGetValue("realm", out var realm) ? realm : null);

    /// <summary>The configured request-token parameters except <c>realm</c>, which is a header attribute, not a parameter.</summary>
    private List<KeyValuePair<string, string>> ConfiguredParameters()
    {
        var pairs = new List<KeyValuePair<string, string>>(Options.RequestTokenParams.Count);
        foreach (var pair in Options.RequestTokenParams)
        {
            if (pair.Key != "realm") pairs.Add(pair);
        }
        return pairs;
    }

    /// <summary>A token-endpoint request: parameters in the query for GET, else in a form body (none when there are none).</summary>
    private HttpRequestMessage CreateTokenRequest(HttpMethod method, Uri url, List<KeyValuePair<string, string>> parameters,
        IDictionary<string, string>? headers)
    {
        App.EnsureSecure(url);
        var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Get || method == HttpMethod.Head)
        {
            request.RequestUri = RequestData.AppendQuery(url, parameters);
        }
        else if (parameters.Count > 0 || Options.SignatureType == SignatureType.Body)
        {
            request.Content = RequestData.CreateContent(parameters, BodyFormat.UrlEncoded, contentType: null, Options.Encoding, jsonOptions: null);
        }
        if (headers is not null)
        {
            foreach (var header in headers) RequestHeaders.Add(request, header.Key, header.Value);
        }
        return request;
    }

    private string NewNonce()
    {
        if (Options.NonceGenerator is not { } generator) return OAuth1Nonce.Create();
        var nonce = generator();
        return string.IsNullOrEmpty(nonce)
            ? throw new OAuthException(OAuthErrorType.InvalidConfiguration, $"RemoteAppOptions.NonceGenerator of '{Options.Name}' returned an empty nonce.")
            : nonce;
    }

    private RsaSigningKey GetRsaKey()
    {
        if (_rsaKey is { } key) return key;
        var pem = RemoteAppOptionsValidator.RequireCredential(Options, Options.RsaKey, nameof(Options.RsaKey));
        try
        {
            return _rsaKey = RsaSigningKey.ForPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration, $"The RsaKey of '{Options.Name}' is not a PEM RSA private key.", innerException: e);
        }
    }

    /// <summary>New content with <paramref name="body"/> and the headers of <paramref name="original"/> (a form when there was none).</summary>
    private static ByteArrayContent CopyWithBody(HttpContent? original, byte[] body)
    {
        var copy = new ByteArrayContent(body);
        if (original is not null)
        {
            foreach (var header in original.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }
        copy.Headers.ContentType ??= new MediaTypeHeaderValue(RequestData.FormMediaType);
        return copy;
    }

    private static Uri AppendToQuery(Uri uri, string pairs)
    {
        var text = uri.AbsoluteUri;
        var fragment = uri.Fragment;
        if (fragment.Length > 0) text = text[..^fragment.Length];
        return new Uri(text + (uri.Query.Length > 1 ? "&" : uri.Query.Length == 1 ? "" : "?") + pairs + fragment, UriKind.Absolute);
    }

    /// <summary>
    /// A 405 from the request-token endpoint almost always means the provider wants the other method: RFC 5849 §2.1
    /// servers (Authlib) take POST only, flask-oauthlib-era providers GET. The message names the option that fixes it.
    /// </summary>
    private OAuthException RequestTokenMethodRefused(OAuthResponse response)
    {
        var other = Options.RequestTokenMethod == HttpMethod.Post ? "GET" : "POST";
        // Only method names are quoted from the Allow header: server text in messages stays minimal.
        var methods = new List<string>();
        if (response.Headers.TryGetValue("Allow", out var allow))
        {
            foreach (var value in allow)
            {
                foreach (var method in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (method.Length <= 16 && method.AsSpan().IndexOfAnyExceptInRange('A', 'Z') < 0 && !methods.Contains(method)) methods.Add(method);
                }
            }
        }
        var allowed = methods.Count > 0 ? $" (it allows {string.Join(", ", methods)})" : "";
        var configuration = Options.AppKey is { } appKey ? $", or {appKey}:RequestTokenMethod in configuration" : "";
        return new OAuthException(OAuthErrorType.InvalidResponse,
            $"The request-token endpoint of '{Options.Name}' refused {Options.RequestTokenMethod.Method} with HTTP 405 Method Not Allowed{allowed}; " +
            $"set RequestTokenMethod to {other} (RemoteAppOptions.RequestTokenMethod, [RemoteApp(RequestTokenMethod = \"{other}\")]{configuration}).",
            response);
    }
}
