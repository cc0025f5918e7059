using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests.Clients;

// The peer's port is known only at run time, so the attributes name the loopback host without a port and the
// tests move BaseUrl to the live peer (PeerClients.Create); every endpoint URL is relative to it.

/// <summary>The signed resources of the peer's OAuth 1.0a provider, shared by one client per signature method.</summary>
public interface IOAuth1PeerApi : IRemoteApp
{
    /// <summary>Echoes a signed GET; the tricky parameters travel in the query (<paramref name="a"/> repeats its name).</summary>
    [Get("api/echo")]
    Task<OAuthResponse<Echo>> EchoQueryAsync(string status, string text, IEnumerable<string> a, string chars,
        OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Echoes a signed POST; the tricky parameters travel as form fields.</summary>
    [Post("api/echo")]
    Task<OAuthResponse<Echo>> EchoFormAsync([Field] string status, [Field] string text, [Field] IEnumerable<string> a, [Field] string chars,
        OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Echoes a signed PUT with form fields.</summary>
    [Put("api/echo")]
    Task<OAuthResponse<Echo>> EchoPutAsync([Field] string status, [Field] IEnumerable<string> a, OAuthToken? token = null,
        CancellationToken cancellationToken = default);

    /// <summary>Echoes a signed DELETE with query parameters.</summary>
    [Delete("api/echo")]
    Task<OAuthResponse<Echo>> EchoDeleteAsync(string status, IEnumerable<string> a, OAuthToken? token = null,
        CancellationToken cancellationToken = default);

    /// <summary>Echoes a signed POST with a JSON body (not part of the signature base string, RFC 5849 §3.4.1.3.1).</summary>
    [Post("api/echo")]
    Task<OAuthResponse<Echo>> EchoJsonAsync([Body] Note note, OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>The user the token belongs to; throws <c>http_error</c> when the peer refuses the signature.</summary>
    [Get("api/me")]
    Task<OAuth1User> MeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>The seed's tweet (flask-oauthlib's <c>twitter.post('statuses/update.json', data={'status': ...})</c>).</summary>
    [Post("api/statuses/update.json")]
    Task<Tweet> UpdateStatusAsync([Field] string status, OAuthToken? token = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// Client <c>o1-client</c> with HMAC-SHA1 (the secret comes from configuration, i.e. the test), at Authlib's own
/// request-token endpoint with the default method (POST, RFC 5849 §2.1).
/// </summary>
[RemoteApp("peer-oauth1-hmac", BaseUrl = PeerClients.PlaceholderBase + "oauth1/",
    RequestTokenUrl = "request_token", AccessTokenUrl = "access_token", AuthorizeUrl = "authorize",
    ConsumerKey = "o1-client", SignatureMethod = SignatureMethod.HmacSha1, JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth1Hmac : IOAuth1PeerApi;

/// <summary>
/// Client <c>o1-rsa</c> with RSA-SHA1 (the private key comes from the test), signing in the query, at the peer's
/// request-token endpoint that advertises GET: flask-oauthlib's request_token_method, one attribute property away.
/// </summary>
[RemoteApp("peer-oauth1-rsa", BaseUrl = PeerClients.PlaceholderBase + "oauth1/",
    RequestTokenUrl = "request_token/get", RequestTokenMethod = "GET", AccessTokenUrl = "access_token", AuthorizeUrl = "authorize",
    ConsumerKey = "o1-rsa", SignatureMethod = SignatureMethod.RsaSha1, SignatureType = SignatureType.Query,
    JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth1Rsa : IOAuth1PeerApi;

/// <summary>Client <c>o1-client</c> with PLAINTEXT, signing in a form body (the request-token call is a POST by default).</summary>
[RemoteApp("peer-oauth1-plaintext", BaseUrl = PeerClients.PlaceholderBase + "oauth1/",
    RequestTokenUrl = "request_token", AccessTokenUrl = "access_token", AuthorizeUrl = "authorize",
    ConsumerKey = "o1-client", SignatureMethod = SignatureMethod.Plaintext, SignatureType = SignatureType.Body,
    JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth1Plaintext : IOAuth1PeerApi;

/// <summary>
/// A Twitter-style client whose attribute names only its configuration key, as an application ships it: endpoints,
/// consumer key and secret come from configuration (nested <c>PeerTwitter:...</c> or flask-style <c>PEERTWITTER_...</c>).
/// </summary>
[RemoteApp("peer-oauth1-configured", AppKey = "PeerTwitter", JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth1Configured : IOAuth1PeerApi;
