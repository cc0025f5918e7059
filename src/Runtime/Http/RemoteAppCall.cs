using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;

namespace OAuthGen;

/// <summary>
/// What one call of a remote app needs to authenticate its request again on every attempt, carried in
/// <see cref="HttpRequestMessage.Options"/> so that <see cref="RemoteAppAuthenticationHandler"/> finds it wherever it sits
/// in the <see cref="HttpClient"/>'s handler chain. Hedging handlers copy a request's options into each copy they send, so
/// the copies share this object, and with it the attempt count that keeps single-use token requests single.
/// </summary>
internal sealed class RemoteAppCall
{
    private static readonly HttpRequestOptionsKey<RemoteAppCall> Key = new("OAuthGen.RemoteAppCall");

    private int _attempts;
    private int _authenticated;
    private bool _saved;
    private Uri? _unauthenticatedUri;
    private HttpContent? _unauthenticatedContent;
    private List<KeyValuePair<string, IEnumerable<string>>>? _unauthenticatedHeaders;

    /// <summary>A call of <paramref name="app"/> for <paramref name="leg"/>.</summary>
    public RemoteAppCall(RemoteApp app, RequestLeg leg)
    {
        App = app;
        Leg = leg;
    }

    /// <summary>The app whose credentials the request carries.</summary>
    public RemoteApp App { get; }

    /// <summary>Which leg of OAuth the request is: how it is authenticated, whether it may be sent again.</summary>
    public RequestLeg Leg { get; }

    /// <summary>Resource calls: the token the caller passed, sent as given; <see langword="null"/> looks it up.</summary>
    public OAuthToken? ExplicitToken { get; init; }

    /// <summary>Resource calls: the token name to look up.</summary>
    public string? TokenName { get; init; }

    /// <summary>OAuth 1.0a token requests: the credentials and protocol values each attempt is signed with.</summary>
    public OAuth1TokenRequestSigning? OAuth1Signing { get; init; }

    /// <summary>The token the latest attempt carried (resource calls), which a 401 may call for refreshing.</summary>
    public OAuthToken? SentToken { get; set; }

    /// <summary>Whether a <see cref="RemoteAppAuthenticationHandler"/> saw the request (it is in the client's handler chain).</summary>
    public bool ReachedHandler { get; private set; }

    /// <summary>Whether the token was already refreshed once after the server rejected it (never twice per call).</summary>
    public bool RefreshedAfterRejection { get; set; }

    /// <summary>Whether the request was sent again after a DPoP nonce challenge (RFC 9449 §9; never twice per call).</summary>
    public NonceRetry NonceRetry { get; set; }

    /// <summary>The call <paramref name="request"/> belongs to, if a remote app sent it.</summary>
    public static RemoteAppCall? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var call) ? call : null;

    /// <summary>Attaches this call to <paramref name="request"/>.</summary>
    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    /// <summary>Counts an attempt that reached the handler chain's end; returns its number (1 for the first).</summary>
    public int CountAttempt()
    {
        ReachedHandler = true;
        return Interlocked.Increment(ref _attempts);
    }

    /// <summary>Records that the request as it stands was authenticated and has not been sent yet.</summary>
    public void MarkAuthenticated() => Volatile.Write(ref _authenticated, 1);

    /// <summary>Takes the mark of <see cref="MarkAuthenticated"/>: true once per authentication, so each later attempt signs anew.</summary>
    public bool TakeAuthenticated() => Interlocked.Exchange(ref _authenticated, 0) == 1;

    /// <summary>
    /// Before an authentication: the first time, remembers the request as the caller built it (URI, body, and headers
    /// when a <see cref="RemoteAppOptions.PreRequest"/> hook may change them); every later time, puts that back, so an
    /// attempt never carries the previous attempt's signature, token or hook changes.
    /// </summary>
    public void SaveOrRestore(HttpRequestMessage request, bool includeHeaders)
    {
        if (!_saved)
        {
            _unauthenticatedUri = request.RequestUri;
            _unauthenticatedContent = request.Content;
            if (includeHeaders)
            {
                _unauthenticatedHeaders = [];
                foreach (var header in request.Headers) _unauthenticatedHeaders.Add(new(header.Key, [.. header.Value]));
            }
            _saved = true;
            return;
        }
        request.RequestUri = _unauthenticatedUri;
        request.Content = _unauthenticatedContent;
        if (_unauthenticatedHeaders is not null)
        {
            request.Headers.Clear();
            foreach (var header in _unauthenticatedHeaders) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        else
        {
            request.Headers.Authorization = null;
        }
    }

    /// <summary>A copy of the request as the caller built it, for sending again through an <see cref="HttpClient"/>, which
    /// refuses to send one message twice. Only for requests whose body can be sent again (<see cref="CanResend"/>).</summary>
    public HttpRequestMessage CopyUnauthenticated(HttpRequestMessage sent)
    {
        var copy = new HttpRequestMessage(sent.Method, _saved ? _unauthenticatedUri : sent.RequestUri)
        {
            Version = sent.Version,
            VersionPolicy = sent.VersionPolicy,
            Content = _saved ? _unauthenticatedContent : sent.Content,
        };
        if (_unauthenticatedHeaders is not null)
        {
            foreach (var header in _unauthenticatedHeaders) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        else
        {
            foreach (var header in sent.Headers)
            {
                if (!header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        // The copy shares this call: its authentication restores the same unauthenticated state and counts as this call's.
        AttachTo(copy);
        return copy;
    }

    /// <summary>Whether the request's body (as the caller built it) can be sent a second time: none, or bytes in memory.</summary>
    public bool CanResend(HttpRequestMessage request) =>
        (_saved ? _unauthenticatedContent : request.Content) is null or ByteArrayContent or ReadOnlyMemoryContent;

    /// <summary>The refusal of a second attempt of a single-use request.</summary>
    public OAuthException RepeatRefused() => new(Leg.FailureType,
        $"The {Leg.Description} of '{App.Settings.Name}' was already sent once and the HttpClient pipeline (a retry or hedging " +
        $"handler) tried to send it again; it is single-use, so the second attempt was not sent. {Leg.RestartAdvice}");
}

/// <summary>Where a call stands with DPoP nonce challenges (RFC 9449 §9).</summary>
internal enum NonceRetry
{
    /// <summary>No challenge yet.</summary>
    None,
    /// <summary>Challenged: the next attempt carries the server's nonce.</summary>
    Pending,
    /// <summary>Sent again once; a second challenge is the caller's answer.</summary>
    Done,
}

/// <summary>The values an OAuth 1.0a token request is signed with (RFC 5849 §2.1, §2.3).</summary>
internal sealed record OAuth1TokenRequestSigning(string? Token, string? TokenSecret, string? Callback, string? Verifier);
