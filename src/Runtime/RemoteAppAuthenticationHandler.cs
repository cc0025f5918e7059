using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Authenticates remote-app requests on each attempt, from inside an <see cref="HttpClient"/>'s handler chain: a fresh
/// OAuth 1.0a nonce, timestamp and signature, or the current OAuth 2.0 token, then <see cref="RemoteAppOptions.PreRequest"/>.
/// Put innermost, below retry, hedging and circuit-breaker handlers, it makes them safe: a retried resource request is
/// signed anew, and a single-use token request (an authorization code or OAuth 1.0a verifier exchange, a refresh) is
/// never sent a second time. A stored OAuth 2.0 token the server rejects with <c>401 invalid_token</c> is refreshed
/// once and the request sent once more.
/// </summary>
/// <remarks>
/// <para><c>services.AddRemoteApp&lt;T&gt;()</c> puts one innermost in the client's pipeline, whatever order handlers are
/// added in; <c>AddRemoteAppAuthentication&lt;T&gt;()</c> puts one bound to a remote app into any other client's pipeline
/// (Refit, hand-written). Without dependency injection, build the chain with it innermost:
/// <c>new HttpClient(new MyRetryHandler { InnerHandler = new RemoteAppAuthenticationHandler { InnerHandler = new SocketsHttpHandler() } })</c>.</para>
/// <para>An unbound handler (<see cref="RemoteAppAuthenticationHandler()"/>) authenticates the requests that remote apps
/// send through the client, and passes every other request through untouched.</para>
/// </remarks>
public sealed class RemoteAppAuthenticationHandler : DelegatingHandler
{
    private readonly RemoteApp? _app;

    /// <summary>A handler for the requests remote apps send through this client; other requests pass untouched.</summary>
    public RemoteAppAuthenticationHandler()
    {
    }

    /// <summary>A handler that authenticates every request through this client as a resource request of <paramref name="app"/>.</summary>
    /// <param name="app">A generated client (or <see cref="RemoteApp"/>): its token store or getter, signing and refresh are used.</param>
    /// <exception cref="ArgumentException"><paramref name="app"/> is not a <see cref="RemoteApp"/>.</exception>
    public RemoteAppAuthenticationHandler(IRemoteApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _app = app as RemoteApp ?? throw new ArgumentException(
            $"{app.GetType().Name} is not a generated client or RemoteApp, so it cannot authenticate requests.", nameof(app));
    }

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = RemoteAppCall.Of(request);
        if (call is null)
        {
            if (_app is null) return base.SendAsync(request, cancellationToken);
            call = new RemoteAppCall(_app, RequestLeg.Resource);
            call.AttachTo(request);
        }
        return call.App.Pipeline.SendAttemptAsync(request, call, this, cancellationToken);
    }

    /// <summary>Hands the request to the next handler (the transport, or a handler added below this one).</summary>
    internal Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
