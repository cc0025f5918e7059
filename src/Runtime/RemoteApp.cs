using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OAuthGen;

/// <summary>
/// A remote app: the runtime behind every generated client, usable on its own as flask-oauthlib's
/// <c>OAuthRemoteApp</c>. It runs the OAuth 1.0a or 2.0 dance, finds tokens, signs or authorizes requests, and
/// parses responses.
/// </summary>
public class RemoteApp : IRemoteApp
{
    /// <summary>The source of the <see cref="Activity"/> each resource and token request runs in (named
    /// <see cref="OAuthGenTelemetry.Name"/>, with the package version).</summary>
    public static readonly ActivitySource ActivitySource = OAuthGenTelemetry.ActivitySource;

    /// <summary>How far in the future a pending authorization's creation time may lie (servers' clocks drift).</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly OAuthProtocol _protocol;
    private readonly ILogger _logger;

    /// <summary>Creates an app from <paramref name="options"/>, which are copied and validated.</summary>
    /// <exception cref="OAuthException">The options are incomplete or invalid (<see cref="OAuthErrorType.InvalidConfiguration"/>).</exception>
    public RemoteApp(HttpClient httpClient, RemoteAppOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        HttpClient = httpClient;
        // The app's own copy, never handed out: a shared, validated client must not have AllowInsecureHttp or an endpoint
        // changed under it by whoever holds the options object (the caller's, or one Options returned).
        Settings = options.Clone();
        // The caller's serializer options stay theirs: using them would make them read-only (System.Text.Json locks
        // options on first use), and the caller could change them under a live client.
        if (Settings.JsonSerializerOptions is { } json)
        {
            Settings.JsonSerializerOptions = new JsonSerializerOptions(json);
            // Locked now, so the copy Options hands out cannot change it either (without a resolver it is locked on first
            // use, with the reflection resolver, or refused).
            if (Settings.JsonSerializerOptions.TypeInfoResolver is not null) Settings.JsonSerializerOptions.MakeReadOnly();
        }
        RemoteAppOptionsValidator.Validate(Settings);
        _logger = logger ?? NullLogger.Instance;
        Metrics = OAuthGenMetrics.For(Settings.MeterFactory);
        _protocol = Settings.IsOAuth1 ? new OAuth1Protocol(this) : new OAuth2Protocol(this);
        Pipeline = new RequestPipeline(this, _protocol, httpClient, _logger);
    }

    /// <summary>
    /// A copy of the options this app was created with (validated, its collections and policies copied too). Each read
    /// returns a new copy: changing it does not change the app, which keeps its own frozen copy.
    /// </summary>
    public RemoteAppOptions Options => Settings.Clone();

    /// <summary>
    /// The app's own options: validated once, never changed. Generated clients read them here on every call (the form
    /// encoding, the JSON options, the app name), where <see cref="Options"/> would copy them each time.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal RemoteAppOptions Settings { get; }

    /// <summary>The HTTP client every request goes through.</summary>
    protected internal HttpClient HttpClient { get; }

    internal ILogger Logger => _logger;

    /// <summary>The instruments this app records on: its meter factory's, or the process-wide ones.</summary>
    internal OAuthGenMetrics Metrics { get; }

    /// <summary>How every request of this app is authenticated and sent.</summary>
    internal RequestPipeline Pipeline { get; }

    /// <inheritdoc/>
    public Task<AuthorizationRedirect> AuthorizeAsync(string callback, string? state = null,
        IEnumerable<KeyValuePair<string, string>>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callback);
        if (!(callback == "oob" && Settings.IsOAuth1) && UrlResolver.CallbackProblem(callback) is { } problem)
        {
            throw new ArgumentException($"The callback '{callback}' {problem}.", nameof(callback));
        }
        return _protocol.AuthorizeAsync(callback, state, parameters, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AuthorizationResult> AuthorizedResponseAsync(IEnumerable<KeyValuePair<string, string>> callbackParameters,
        PendingAuthorization pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbackParameters);
        if (pending is null)
        {
            throw new OAuthException(OAuthErrorType.NoPendingAuthorization,
                $"A callback for '{Settings.Name}' arrived with no pending authorization: the flow was not started here, " +
                "or its stored state (cookie, session) was lost.");
        }
        if (pending.AppName != Settings.Name)
        {
            throw new OAuthException(OAuthErrorType.StateMismatch,
                $"The pending authorization belongs to app '{pending.AppName}', not '{Settings.Name}'.");
        }
        var age = Settings.TimeProvider.GetUtcNow() - pending.CreatedAt;
        if (age > Settings.PendingAuthorizationLifetime)
        {
            throw new OAuthException(OAuthErrorType.PendingAuthorizationExpired,
                $"The authorization for '{Settings.Name}' was started {age.TotalMinutes:0} minutes ago, longer than the allowed " +
                $"{Settings.PendingAuthorizationLifetime.TotalMinutes:0}; start again.");
        }
        // A flow from the future (a tampered or mis-stored CreatedAt) would never expire; allow only clock skew.
        if (age < -MaxClockSkew)
        {
            throw new OAuthException(OAuthErrorType.PendingAuthorizationExpired,
                $"The authorization for '{Settings.Name}' claims to start in the future; it was tampered with or stored wrongly. Start again.");
        }
        var callback = callbackParameters as FormData ?? new FormData(callbackParameters);
        return _protocol.AuthorizedResponseAsync(callback, pending, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AuthorizationResult> AuthorizedResponseAsync(Uri callbackUrl, PendingAuthorization pending,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var mark = callbackUrl.OriginalString.IndexOf('?');
        var query = callbackUrl.IsAbsoluteUri ? callbackUrl.Query : mark < 0 ? "" : callbackUrl.OriginalString[mark..];
        return AuthorizedResponseAsync(FormData.Parse(query), pending, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<OAuthToken> ClientCredentialsAsync(string? scope = null, CancellationToken cancellationToken = default) =>
        _protocol.ClientCredentialsAsync(scope, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthToken> RefreshAsync(OAuthToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _protocol.RefreshAsync(token, cancellationToken);
    }

    /// <inheritdoc/>
    public Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _protocol.RevokeAsync(token, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<OAuthResponse> RequestAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, HttpMethod? method = null, string? contentType = null,
        OAuthToken? token = null, string? tokenName = null, CancellationToken cancellationToken = default)
    {
        method ??= HttpMethod.Get;
        if (url == "")
        {
            // Sending to BaseUrl itself is rarely meant by an empty string (an unset variable): ask for "/" instead.
            throw new ArgumentException("The URL is empty; pass a path (\"/\" for BaseUrl itself) or an absolute http or https URL.", nameof(url));
        }
        var uri = ResolveUrl(url);
        using var request = new HttpRequestMessage(method, uri);
        if (method == HttpMethod.Get || method == HttpMethod.Head)
        {
            if (format == BodyFormat.Json)
            {
                throw new ArgumentException($"A {method} request has no body, so it cannot send JSON; use BodyFormat.UrlEncoded to send data in the query.", nameof(format));
            }
            if (contentType is not null || data is string or byte[])
            {
                throw new ArgumentException($"A {method} request has no body; pass name/value pairs to send data in the query.", nameof(data));
            }
            var pairs = RequestData.AsPairs(data) ?? throw new ArgumentException(
                $"Query data must be name/value pairs (a dictionary or a sequence of pairs), not {data!.GetType().Name}.", nameof(data));
            request.RequestUri = RequestData.AppendQuery(uri, pairs);
        }
        else
        {
            request.Content = RequestData.CreateContent(data, format, contentType, Settings.Encoding, Settings.JsonSerializerOptions);
        }
        if (headers is not null)
        {
            foreach (var header in headers) RequestHeaders.Add(request, header.Key, header.Value);
        }
        return await SendAsync(request, token, tokenName, responseContentType: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<OAuthResponse> GetAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, format, HttpMethod.Get, contentType, token, tokenName, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthResponse> PostAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, format, HttpMethod.Post, contentType, token, tokenName, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthResponse> PutAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, format, HttpMethod.Put, contentType, token, tokenName, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthResponse> PatchAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, format, HttpMethod.Patch, contentType, token, tokenName, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthResponse> DeleteAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        BodyFormat format = BodyFormat.UrlEncoded, string? contentType = null, OAuthToken? token = null,
        string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, format, HttpMethod.Delete, contentType, token, tokenName, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthResponse> HeadAsync(string url, object? data = null, IDictionary<string, string>? headers = null,
        OAuthToken? token = null, string? tokenName = null, CancellationToken cancellationToken = default)
        => RequestAsync(url, data, headers, BodyFormat.UrlEncoded, HttpMethod.Head, null, token, tokenName, cancellationToken);

    /// <summary>
    /// Resolves <paramref name="url"/> against <see cref="RemoteAppOptions.BaseUrl"/> by appending its path; the empty
    /// string is BaseUrl itself (what a declared <c>[Get("")]</c> endpoint calls).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is neither an absolute http(s) URL nor a relative path without
    /// a scheme (white space, a control character, <c>javascript:</c>, <c>file:</c>...), or is relative and there is no BaseUrl.</exception>
    public Uri ResolveUrl(string url) => UrlResolver.Resolve(Settings.BaseUrl, url);

    /// <summary>
    /// Sends a prepared resource request: finds the token, refreshes it if needed, signs or authorizes the request,
    /// runs <see cref="RemoteAppOptions.PreRequest"/>, and parses the response. Never throws on HTTP status.
    /// Generated clients build their requests and call this.
    /// </summary>
    /// <param name="request">The request; its URI must be absolute.</param>
    /// <param name="token">The token for this call, sent as given (never refreshed); when <see langword="null"/> the token
    /// store or getter is asked, and an expiring OAuth 2.0 token from there is refreshed and saved first.</param>
    /// <param name="tokenName">The token name to ask the getter for.</param>
    /// <param name="responseContentType">Forces the response parser for this call (wins over <see cref="RemoteAppOptions.ContentType"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.TokenMissing"/> when there is no token.</exception>
    public async Task<OAuthResponse> SendAsync(HttpRequestMessage request, OAuthToken? token = null, string? tokenName = null,
        string? responseContentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (response, body) = await Pipeline.SendResourceAsync(request, token, tokenName, cancellationToken).ConfigureAwait(false);
        using (response)
        using (body)
        {
            return Pipeline.ToResponse(response, body, responseContentType ?? Settings.ContentType);
        }
    }

    /// <summary>
    /// Sends a prepared resource request exactly as <see cref="SendAsync"/> does and reads a 2xx body as JSON through
    /// <paramref name="typeInfo"/>, whatever Content-Type the server sent. Generated methods that return a deserialized
    /// value call this: the body goes from the response through one pooled buffer into the value, and an
    /// <see cref="OAuthResponse"/> is built only for an error, which carries it.
    /// </summary>
    /// <param name="request">The request; its URI must be absolute.</param>
    /// <param name="typeInfo">The JSON metadata of the value.</param>
    /// <param name="token">The token for this call, sent as given; see <see cref="SendAsync"/>.</param>
    /// <param name="tokenName">The token name to ask the getter for.</param>
    /// <param name="responseContentType">Forces the parser of the error response's <see cref="OAuthResponse.Data"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="OAuthException">
    /// <see cref="OAuthErrorType.HttpError"/> when the status is not 2xx and <see cref="OAuthErrorType.DeserializationFailed"/>
    /// when the body is not <typeparamref name="T"/>, both carrying the response; <see cref="OAuthErrorType.TokenMissing"/>;
    /// <see cref="OAuthErrorType.InvalidResponse"/> when the body is over <see cref="RemoteAppOptions.MaxResponseContentLength"/>.
    /// </exception>
    /// <remarks>
    /// For a method whose value is not nullable: a JSON <c>null</c> body is <see cref="OAuthErrorType.DeserializationFailed"/>
    /// too. Methods declaring <c>T?</c> call <see cref="SendForNullableJsonAsync"/>.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, OAuthToken? token = null,
        string? tokenName = null, string? responseContentType = null, CancellationToken cancellationToken = default) =>
        // The same task (T? of an unconstrained T is T at run time), without a state machine of its own: allowNull: false
        // already turns a null value into an error.
        SendForJsonCoreAsync(request, typeInfo, allowNull: false, token, tokenName, responseContentType, cancellationToken)!;

    /// <summary>
    /// <see cref="SendForJsonAsync"/> for a method declaring a nullable value (<c>Task&lt;User?&gt;</c>): a JSON
    /// <c>null</c> body is <see langword="null"/>.
    /// </summary>
    /// <param name="request">The request; its URI must be absolute.</param>
    /// <param name="typeInfo">The JSON metadata of the value.</param>
    /// <param name="token">The token for this call, sent as given; see <see cref="SendAsync"/>.</param>
    /// <param name="tokenName">The token name to ask the getter for.</param>
    /// <param name="responseContentType">Forces the parser of the error response's <see cref="OAuthResponse.Data"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="OAuthException">As <see cref="SendForJsonAsync"/>, except for a JSON <c>null</c> body.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ValueTask<T?> SendForNullableJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, OAuthToken? token = null,
        string? tokenName = null, string? responseContentType = null, CancellationToken cancellationToken = default) =>
        SendForJsonCoreAsync(request, typeInfo, allowNull: true, token, tokenName, responseContentType, cancellationToken);

    /// <remarks>
    /// An answer already read when the pipeline returns (the token at hand, the body in memory) becomes the value without a
    /// state machine of its own. Failures come back in the returned task either way, as from an async method.
    /// </remarks>
    private ValueTask<T?> SendForJsonCoreAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, bool allowNull,
        OAuthToken? token, string? tokenName, string? responseContentType, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(typeInfo);
            var sending = Pipeline.SendResourceAsync(request, token, tokenName, cancellationToken);
            if (!sending.IsCompletedSuccessfully) return ReadJsonWhenSentAsync(sending, typeInfo, allowNull, responseContentType);
            var (response, body) = sending.Result;
            return new(ReadJson(response, body, typeInfo, allowNull, responseContentType));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<T?>(e);
        }
    }

    private async ValueTask<T?> ReadJsonWhenSentAsync<T>(ValueTask<(HttpResponseMessage Response, ResponseBodyBuffer Body)> sending,
        JsonTypeInfo<T> typeInfo, bool allowNull, string? responseContentType)
    {
        var (response, body) = await sending.ConfigureAwait(false);
        return ReadJson(response, body, typeInfo, allowNull, responseContentType);
    }

    /// <summary>The value of a 2xx answer; disposes both.</summary>
    private T? ReadJson<T>(HttpResponseMessage response, ResponseBodyBuffer body, JsonTypeInfo<T> typeInfo, bool allowNull,
        string? responseContentType)
    {
        using (response)
        using (body)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw ResponseErrors.HttpError(Pipeline.ToResponse(response, body, responseContentType ?? Settings.ContentType), Settings.Name);
            }
            if (!JsonBody.TryRead(body.Written, response.Content.Headers.ContentType?.CharSet, typeInfo, out var value, out var error))
            {
                throw ResponseErrors.DeserializationFailed(
                    Pipeline.ToResponse(response, body, responseContentType ?? Settings.ContentType), typeof(T).Name, error!);
            }
            if (value is null && !allowNull)
            {
                throw ResponseErrors.NullBody(Pipeline.ToResponse(response, body, responseContentType ?? Settings.ContentType), typeof(T).Name);
            }
            return value;
        }
    }

    /// <inheritdoc/>
    public Task<DeviceAuthorization> StartDeviceAuthorizationAsync(string? scope = null, CancellationToken cancellationToken = default) =>
        _protocol.StartDeviceAuthorizationAsync(scope, cancellationToken);

    /// <inheritdoc/>
    public Task<OAuthToken> PollDeviceTokenAsync(DeviceAuthorization authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (authorization.AppName != Settings.Name)
        {
            throw new ArgumentException($"The device authorization belongs to app '{authorization.AppName}', not '{Settings.Name}'.", nameof(authorization));
        }
        return _protocol.PollDeviceTokenAsync(authorization, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<UserInfo> UserInfoAsync(OAuthToken token, string expectedSubject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(expectedSubject);
        return OpenIdConnect.UserInfoAsync(token, expectedSubject, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Uri> EndSessionUrlAsync(string? idTokenHint = null, string? postLogoutRedirectUri = null, string? state = null,
        CancellationToken cancellationToken = default)
    {
        if (postLogoutRedirectUri is not null && (!UrlResolver.IsAbsoluteCallback(postLogoutRedirectUri) || postLogoutRedirectUri.Contains('#', StringComparison.Ordinal)))
        {
            throw new ArgumentException("The post_logout_redirect_uri must be an absolute URL without a fragment.", nameof(postLogoutRedirectUri));
        }
        return OpenIdConnect.EndSessionUrlAsync(idTokenHint, postLogoutRedirectUri, state, cancellationToken);
    }

    /// <summary>The OpenID Connect calls; an OAuth 1.0a app has none.</summary>
    private OpenIdConnectClient OpenIdConnect => (_protocol as OAuth2Protocol)?.OpenIdConnect ?? throw new OAuthException(
        OAuthErrorType.InvalidConfiguration, $"'{Settings.Name}' is an OAuth 1.0a app (it has a RequestTokenUrl); OpenID Connect needs OAuth 2.0.");

    internal void EnsureSecure(Uri uri)
    {
        if (!UrlResolver.IsSecureOrAllowed(uri, Settings.AllowInsecureHttp))
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration,
                $"Refusing to send credentials for '{Settings.Name}' over plain http to {uri.Host}; use https, or set AllowInsecureHttp (loopback is always allowed).");
        }
    }
}
