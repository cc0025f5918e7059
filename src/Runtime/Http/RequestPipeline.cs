using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>
/// The one way a remote app's requests leave: resource calls of generated clients and of the flask-style facade, token
/// requests and discovery. Authentication belongs to each attempt, not to the call: <see cref="RemoteAppAuthenticationHandler"/>,
/// innermost in the <see cref="HttpClient"/>'s handler chain, runs <see cref="SendAttemptAsync"/> for every attempt a
/// retry, hedging or circuit-breaker handler makes, so each one carries a fresh OAuth 1.0a signature or the current token,
/// and single-use token requests are never sent twice.
/// </summary>
/// <remarks>
/// A client whose <see cref="HttpClient"/> has no such handler (built by hand) is authenticated here before the request
/// is handed over, which is all a chain without retries needs. AddRemoteApp's clients are known to have the handler;
/// for others the first answer tells (a chain is fixed once built): with the handler, the app leaves authentication to
/// it; without, requests stop carrying what only the handler reads.
/// </remarks>
internal sealed class RequestPipeline(RemoteApp app, OAuthProtocol protocol, HttpClient httpClient, ILogger logger)
{
    /// <summary>The clients known to have a <see cref="RemoteAppAuthenticationHandler"/> in their chain (those of AddRemoteApp).</summary>
    private static readonly ConditionalWeakTable<HttpClient, object> ClientsWithHandler = [];

    /// <summary>Whether the client's chain has the handler: known for AddRemoteApp's clients, else learned from the first answer.</summary>
    private volatile HandlerInChain _handler = ClientsWithHandler.TryGetValue(httpClient, out _) ? HandlerInChain.Yes : HandlerInChain.Unknown;

    /// <summary>Records that <paramref name="client"/> has the authentication handler in its chain, so its requests are
    /// authenticated there only. Tied to the client, not to options, which a user may copy to another client.</summary>
    public static void MarkHandlerInChain(HttpClient client) => ClientsWithHandler.AddOrUpdate(client, ClientsWithHandler);

    private TokenRequest? _defaultTokenKey;

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Sends a resource request and reads its whole body; the caller disposes both results.</summary>
    /// <exception cref="ArgumentException"><paramref name="explicitToken"/> cannot be sent (control characters).</exception>
    public ValueTask<(HttpResponseMessage Response, ResponseBodyBuffer Body)> SendResourceAsync(HttpRequestMessage request,
        OAuthToken? explicitToken, string? tokenName, CancellationToken cancellationToken)
    {
        if (explicitToken is not null && protocol.CannotSend(explicitToken) is { } reason)
        {
            throw new ArgumentException($"The token passed for '{Options.Name}' cannot be sent: {reason}.", nameof(explicitToken));
        }
        return SendAndReadAsync(request, new RemoteAppCall(app, RequestLeg.Resource) { ExplicitToken = explicitToken, TokenName = tokenName },
            cancellationToken);
    }

    /// <summary>Sends a request of <paramref name="call"/> and parses the answer, whatever its status.</summary>
    public async Task<OAuthResponse> SendAsync(HttpRequestMessage request, RemoteAppCall call, string? forcedContentType,
        CancellationToken cancellationToken)
    {
        var (response, body) = await SendAndReadAsync(request, call, cancellationToken).ConfigureAwait(false);
        using (response)
        using (body)
        {
            return ToResponse(response, body, forcedContentType);
        }
    }

    /// <summary>The <see cref="OAuthResponse"/> of an answer read by <see cref="SendAndReadAsync"/>, parsed as this app's options say.</summary>
    public OAuthResponse ToResponse(HttpResponseMessage response, ResponseBodyBuffer body, string? forcedContentType) =>
        ResponseFactory.Create(response, body.ToArray(), forcedContentType, Options.MaxXmlDepth);

    /// <summary>
    /// Sends <paramref name="request"/> and reads the whole body, within <see cref="RemoteAppOptions.MaxResponseContentLength"/>,
    /// in an activity and with a log line. The caller disposes both results.
    /// </summary>
    /// <exception cref="OAuthException">No answer: the connection failed, timed out, or a handler gave up
    /// (the <see cref="RequestLeg.FailureType"/> of its leg, the original as <see cref="Exception.InnerException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<(HttpResponseMessage Response, ResponseBodyBuffer Body)> SendAndReadAsync(HttpRequestMessage request,
        RemoteAppCall call, CancellationToken cancellationToken)
    {
        app.EnsureSecure(request.RequestUri!);
        var handler = _handler;
        // A chain without the handler has no use for the call (and the options dictionary costs a few hundred bytes a call).
        if (handler != HandlerInChain.No) call.AttachTo(request);
        // The span name and the log line cost allocations on every call, so they are built only when someone listens
        // (docs/benchmarks.md).
        using var activity = RemoteApp.ActivitySource.HasListeners()
            ? RemoteApp.ActivitySource.StartActivity($"{Options.Name} {request.Method}", ActivityKind.Client)
            : null;
        var started = Stopwatch.GetTimestamp();
        HttpRequestMessage? copy = null;
        HttpResponseMessage? response = null;
        try
        {
            if (handler != HandlerInChain.Yes)
            {
                await AuthenticateAsync(request, call, replacement: null, cancellationToken).ConfigureAwait(false);
                call.MarkAuthenticated();
            }
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (handler == HandlerInChain.Unknown)
            {
                // A client's handler chain is fixed when it is built: an answer that did not pass the handler shows it has none.
                _handler = call.ReachedHandler ? HandlerInChain.Yes : HandlerInChain.No;
            }
            if (!call.ReachedHandler && ShouldRefreshRejectedToken(call, request, response))
            {
                // No handler in the chain did it: refresh here and send a copy, as HttpClient sends a message only once.
                var refreshed = await RefreshRejectedTokenAsync(call, response, cancellationToken).ConfigureAwait(false);
                if (refreshed is not null)
                {
                    response.Dispose();
                    response = null;
                    copy = call.CopyUnauthenticated(request);
                    await AuthenticateAsync(copy, call, refreshed, cancellationToken).ConfigureAwait(false);
                    response = await httpClient.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
            }
            var body = await ResponseBodyBuffer.ReadAsync(response.Content, Options.MaxResponseContentLength, Options.Name, cancellationToken)
                .ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            app.Metrics.RecordRequest(Options.Name, call.Leg, request.Method, started, response.StatusCode, failure: null);
            if (response.StatusCode == HttpStatusCode.Unauthorized && Options.IsOAuth1 && call.Leg.Authentication != RequestAuthentication.Carried)
            {
                app.Metrics.RecordSignatureRejection(Options.Name, call.Leg, response);
            }
            // Only the path is logged: queries may carry access_token, oauth_signature or codes.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.RequestCompleted(logger, Options.Name, request.Method, request.RequestUri?.GetLeftPart(UriPartial.Path), (int)response.StatusCode,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return (response, body);
        }
        catch (Exception e) when (IsFailureWithoutAnswer(e, cancellationToken))
        {
            response?.Dispose();
            var failure = new OAuthException(call.Leg.FailureType,
                $"The {call.Leg.Description} of '{Options.Name}' failed before an answer arrived: {Describe(e)}. {call.Leg.RestartAdvice}".TrimEnd(),
                response: null, innerException: e);
            app.Metrics.RecordRequest(Options.Name, call.Leg, request.Method, started, status: null, failure);
            Log.RequestFailedWithoutAnswer(logger, Options.Name, call.Leg.Description, Describe(e), failure.Type);
            throw failure;
        }
        catch (Exception e)
        {
            response?.Dispose();
            app.Metrics.RecordRequest(Options.Name, call.Leg, request.Method, started, status: null, e);
            throw;
        }
        finally
        {
            if (copy is not null)
            {
                // The copy shares the caller's body, which the caller's own request still owns and disposes.
                copy.Content = null;
                copy.Dispose();
            }
        }
    }

    /// <summary>
    /// One attempt, run by <see cref="RemoteAppAuthenticationHandler"/> innermost in the chain: refuses a second attempt of a
    /// single-use request, authenticates the request anew (unless this is the first attempt and it already was), sends it,
    /// and after a 401 <c>invalid_token</c> for a stored OAuth 2.0 token refreshes it once and sends once more.
    /// </summary>
    public Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, RemoteAppCall call, RemoteAppAuthenticationHandler handler,
        CancellationToken cancellationToken)
    {
        var attempt = call.CountAttempt();
        if (attempt > 1 && !call.Leg.Repeatable) throw call.RepeatRefused();
        if (!call.TakeAuthenticated())
        {
            var authenticating = AuthenticateAsync(request, call, replacement: null, cancellationToken);
            if (!authenticating.IsCompletedSuccessfully) return AuthenticateAndSendAsync(authenticating, request, call, handler, cancellationToken);
            authenticating.GetAwaiter().GetResult();
        }
        var sending = handler.SendInnerAsync(request, cancellationToken);
        // An answer already here that needs no refresh is passed up as it is: no state machine, no second task per call.
        return sending.IsCompletedSuccessfully && !ShouldRefreshRejectedToken(call, request, sending.Result)
            ? sending
            : RefreshIfRejectedAsync(sending, request, call, handler, cancellationToken);
    }

    private async Task<HttpResponseMessage> AuthenticateAndSendAsync(ValueTask authenticating, HttpRequestMessage request, RemoteAppCall call,
        RemoteAppAuthenticationHandler handler, CancellationToken cancellationToken)
    {
        await authenticating.ConfigureAwait(false);
        return await RefreshIfRejectedAsync(handler.SendInnerAsync(request, cancellationToken), request, call, handler, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> RefreshIfRejectedAsync(Task<HttpResponseMessage> sending, HttpRequestMessage request, RemoteAppCall call,
        RemoteAppAuthenticationHandler handler, CancellationToken cancellationToken)
    {
        var response = await sending.ConfigureAwait(false);
        if (!ShouldRefreshRejectedToken(call, request, response)) return response;

        var refreshed = await RefreshRejectedTokenAsync(call, response, cancellationToken).ConfigureAwait(false);
        if (refreshed is null) return response;
        response.Dispose();
        await AuthenticateAsync(request, call, refreshed, cancellationToken).ConfigureAwait(false);
        return await handler.SendInnerAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Authenticates the request as the caller built it (a later attempt first drops what the previous one added): the
    /// current token or a new signature, then <see cref="RemoteAppOptions.PreRequest"/>.
    /// </summary>
    /// <remarks>
    /// A resource request without a hook whose token is at hand (nearly every call: a cached or fresh token) is
    /// authenticated without a state machine. Its failures come back in the returned task, as from the general path:
    /// callers that look at the task before awaiting it (<see cref="SendAttemptAsync"/>) see the same either way.
    /// </remarks>
    private ValueTask AuthenticateAsync(HttpRequestMessage request, RemoteAppCall call, OAuthToken? replacement,
        CancellationToken cancellationToken)
    {
        if (call.Leg.Authentication != RequestAuthentication.Resource || Options.PreRequest is not null)
        {
            return AuthenticateWithHookOrLegAsync(request, call, replacement, cancellationToken);
        }
        try
        {
            call.SaveOrRestore(request, includeHeaders: false);
            app.EnsureSecure(request.RequestUri!);
            var token = replacement ?? call.ExplicitToken;
            if (token is null)
            {
                var usable = GetUsableTokenAsync(call, cancellationToken);
                if (!usable.IsCompletedSuccessfully) return AuthenticateWhenUsableAsync(request, call, usable, cancellationToken);
                token = usable.Result;
            }
            call.SentToken = token;
            return protocol.AuthenticateAsync(request, token, cancellationToken);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    private async ValueTask AuthenticateWhenUsableAsync(HttpRequestMessage request, RemoteAppCall call, ValueTask<OAuthToken> usable,
        CancellationToken cancellationToken)
    {
        var token = await usable.ConfigureAwait(false);
        call.SentToken = token;
        await protocol.AuthenticateAsync(request, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="AuthenticateAsync"/> for token requests, and for resource requests with a <see cref="RemoteAppOptions.PreRequest"/> hook.</summary>
    private async ValueTask AuthenticateWithHookOrLegAsync(HttpRequestMessage request, RemoteAppCall call, OAuthToken? replacement,
        CancellationToken cancellationToken)
    {
        var preRequest = call.Leg.Authentication == RequestAuthentication.Resource ? Options.PreRequest : null;
        call.SaveOrRestore(request, includeHeaders: preRequest is not null);
        app.EnsureSecure(request.RequestUri!);
        switch (call.Leg.Authentication)
        {
            case RequestAuthentication.Resource:
                var token = replacement ?? call.ExplicitToken ?? await GetUsableTokenAsync(call, cancellationToken).ConfigureAwait(false);
                call.SentToken = token;
                await protocol.AuthenticateAsync(request, token, cancellationToken).ConfigureAwait(false);
                break;
            case RequestAuthentication.OAuth1TokenRequest:
                await ((OAuth1Protocol)protocol).SignTokenRequestAsync(request, call.OAuth1Signing!, cancellationToken).ConfigureAwait(false);
                break;
        }
        if (preRequest is not null)
        {
            await preRequest(request, cancellationToken).ConfigureAwait(false);
            // The hook may rewrite the URI; the credentials already on the request must still not go out in clear text.
            app.EnsureSecure(request.RequestUri!);
        }
    }

    /// <summary>
    /// The stored token of the call, refreshed first when it expires (OAuth 2.0). A token the store or getter has at hand
    /// and that needs no refresh comes back without a state machine.
    /// </summary>
    private ValueTask<OAuthToken> GetUsableTokenAsync(RemoteAppCall call, CancellationToken cancellationToken)
    {
        // Only a token this app looked up is refreshed and saved back under its key. An explicit token is the caller's
        // and is sent as given (flask semantics): refreshing it into the store would file one user's token under
        // another's slot, and a rotated refresh token the caller never sees would lock them out.
        var key = TokenKey(call);
        var lookup = LookUpTokenAsync(key, cancellationToken);
        if (!lookup.IsCompletedSuccessfully) return UsableWhenFoundAsync(key, lookup, cancellationToken);
        var preparing = protocol.PrepareTokenAsync(key, Found(key, lookup.Result), cancellationToken);
        return preparing.IsCompletedSuccessfully ? new(Sendable(key, preparing.Result)) : SendableWhenPreparedAsync(key, preparing);
    }

    private async ValueTask<OAuthToken> UsableWhenFoundAsync(TokenRequest key, ValueTask<OAuthToken?> lookup, CancellationToken cancellationToken)
    {
        var token = Found(key, await lookup.ConfigureAwait(false));
        return Sendable(key, await protocol.PrepareTokenAsync(key, token, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<OAuthToken> SendableWhenPreparedAsync(TokenRequest key, ValueTask<OAuthToken> preparing) =>
        Sendable(key, await preparing.ConfigureAwait(false));

    /// <summary><paramref name="token"/>, if the protocol can send it.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidToken"/>: it cannot.</exception>
    private OAuthToken Sendable(TokenRequest key, OAuthToken token)
    {
        if (protocol.CannotSend(token) is { } reason)
        {
            throw new OAuthException(OAuthErrorType.InvalidToken,
                $"The stored token of '{Options.Name}'{(key.TokenName is null ? "" : $" (token name '{key.TokenName}')")} cannot be sent: {reason}.");
        }
        return token;
    }

    /// <summary>The key of the call's token; the default token's is made once per app, not once per call.</summary>
    private TokenRequest TokenKey(RemoteAppCall call) =>
        call.TokenName is null ? _defaultTokenKey ??= new TokenRequest(Options.Name, null) : new TokenRequest(Options.Name, call.TokenName);

    /// <summary>Asks the token store, else the token getter, for the token of <paramref name="key"/>; none of them is <see langword="null"/>.</summary>
    private ValueTask<OAuthToken?> LookUpTokenAsync(TokenRequest key, CancellationToken cancellationToken) =>
        Options.TokenStore is { } store ? store.GetAsync(key, cancellationToken)
        : Options.TokenGetter is { } getter ? getter(key, cancellationToken)
        : default;

    /// <summary>The token the store or getter returned.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.TokenMissing"/>: there is none.</exception>
    private OAuthToken Found(TokenRequest key, OAuthToken? token) =>
        token ?? throw new OAuthException(OAuthErrorType.TokenMissing,
            $"No token available for '{Options.Name}'{(key.TokenName is null ? "" : $" (token name '{key.TokenName}')")}: " +
            (Options.TokenStore is null && Options.TokenGetter is null
                ? "pass a token or configure RemoteAppOptions.TokenGetter or TokenStore."
                : Options.TokenStore is not null ? "the token store has none." : "the token getter returned none."));

    /// <summary>
    /// RFC 6750 §3.1: the resource server says the stored token is no good (revoked, rotated elsewhere, expired early). It
    /// is refreshed at most once per call, never for a token the caller passed, and only when the body can be sent again.
    /// </summary>
    private bool ShouldRefreshRejectedToken(RemoteAppCall call, HttpRequestMessage request, HttpResponseMessage response) =>
        IsNonceChallenge(call, request, response)
        || response.StatusCode == HttpStatusCode.Unauthorized
        && call.Leg.Authentication == RequestAuthentication.Resource
        && call.ExplicitToken is null
        && !call.RefreshedAfterRejection
        && call.SentToken?.RefreshToken is not null
        && BearerChallenge.IsInvalidToken(response)
        && call.CanResend(request);

    /// <summary>
    /// A DPoP nonce challenge (RFC 9449 §9) to a resource request whose body can be sent again: the protocol keeps the nonce,
    /// and the same token is sent once more with a new proof (once per call).
    /// </summary>
    private bool IsNonceChallenge(RemoteAppCall call, HttpRequestMessage request, HttpResponseMessage response)
    {
        // Asked again for the same answer (the handler's path checks before and after awaiting it): the same verdict.
        if (call.NonceRetry == NonceRetry.Pending) return true;
        if (call.Leg.Authentication != RequestAuthentication.Resource || call.NonceRetry == NonceRetry.Done) return false;
        if (!protocol.AcceptNonceChallenge(request, response) || call.SentToken is null || !call.CanResend(request)) return false;
        call.NonceRetry = NonceRetry.Pending;
        return true;
    }

    /// <summary>The token to send again: the same one after a nonce challenge; else the refreshed token (shared with every
    /// call rejected for the same token), or <see langword="null"/> when the protocol cannot refresh.</summary>
    private async ValueTask<OAuthToken?> RefreshRejectedTokenAsync(RemoteAppCall call, HttpResponseMessage rejected, CancellationToken cancellationToken)
    {
        if (call.NonceRetry == NonceRetry.Pending)
        {
            call.NonceRetry = NonceRetry.Done;
            return call.SentToken;
        }
        call.RefreshedAfterRejection = true;
        try
        {
            var refreshed = await protocol.RefreshRejectedAsync(TokenKey(call), call.SentToken!, cancellationToken)
                .ConfigureAwait(false);
            if (refreshed is not null) Log.RejectedTokenRefreshed(logger, Options.Name);
            return refreshed;
        }
        catch
        {
            rejected.Dispose();
            throw;
        }
    }

    /// <summary>Everything but the caller's own cancellation, the library's typed errors and argument errors means the
    /// request got no answer (connection, timeout, a resilience handler that gave up).</summary>
    private static bool IsFailureWithoutAnswer(Exception e, CancellationToken cancellationToken) =>
        e is not (OAuthException or ArgumentException) && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException { InnerException: TimeoutException } => "the HttpClient timed out",
        OperationCanceledException => "it was cancelled by the HttpClient pipeline (a timeout)",
        HttpRequestException => "the connection failed",
        _ => $"it failed with {e.GetType().Name}",
    };

    private enum HandlerInChain
    {
        Unknown,
        Yes,
        No,
    }
}
