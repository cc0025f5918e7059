using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// The configuration of one remote app: every flask-oauthlib <c>remote_app</c> parameter plus what OAuth 2.0 needs
/// today. <see cref="RequestTokenUrl"/> decides the protocol: set means OAuth 1.0a, <see langword="null"/> means OAuth 2.0.
/// </summary>
/// <remarks>
/// An app copies its options when it is created, so changing an options object later never changes a live client.
/// </remarks>
public sealed class RemoteAppOptions
{
    /// <summary>The app's name: the token getter sees it in <see cref="TokenRequest.AppName"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The base URL that relative resource, token and authorize URLs are appended to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>OAuth 1.0a temporary-credentials endpoint. Setting it makes the app OAuth 1.0a.</summary>
    public string? RequestTokenUrl { get; set; }

    /// <summary>The access-token endpoint (OAuth 1.0a) or token endpoint (OAuth 2.0).</summary>
    public string? AccessTokenUrl { get; set; }

    /// <summary>The authorization endpoint the user is redirected to.</summary>
    public string? AuthorizeUrl { get; set; }

    /// <summary>The consumer key (OAuth 2.0: <c>client_id</c>).</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The consumer secret (OAuth 2.0: <c>client_secret</c>). Keep it in configuration, not in code.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>PEM text of the RSA private key for <see cref="SignatureMethod.RsaSha1"/> and <see cref="SignatureMethod.RsaSha256"/>.</summary>
    public string? RsaKey { get; set; }

    /// <summary>OAuth 1.0a signature method; HMAC-SHA1 by default.</summary>
    public SignatureMethod SignatureMethod { get; set; } = SignatureMethod.HmacSha1;

    /// <summary>Where OAuth 1.0a parameters go; the Authorization header by default.</summary>
    public SignatureType SignatureType { get; set; } = SignatureType.Header;

    /// <summary>OAuth 1.0a <c>realm</c> for the Authorization header, if the provider wants one.</summary>
    public string? Realm { get; set; }

    /// <summary>
    /// Extra parameters for the start of the flow. OAuth 2.0: added to the authorization URL (<c>scope</c> here is
    /// the same as <see cref="Scope"/>). OAuth 1.0a: sent with the request-token call and added to the authorize URL;
    /// a <c>realm</c> entry sets the realm.
    /// </summary>
    public IDictionary<string, string> RequestTokenParams { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// HTTP method of the OAuth 1.0a request-token call: POST by default, as RFC 5849 §2.1 requires and Authlib does.
    /// flask-oauthlib used GET; set GET for providers that refuse POST (a 405 answer names this option).
    /// </summary>
    public HttpMethod RequestTokenMethod { get; set; } = HttpMethod.Post;

    /// <summary>
    /// Extra parameters for the token request, merged last (they may override anything). OAuth 2.0: sent with the
    /// authorization_code and client_credentials grants, not with refresh requests.
    /// </summary>
    public IDictionary<string, string> AccessTokenParams { get; set; } = new Dictionary<string, string>();

    /// <summary>HTTP method of the token call; POST by default (GET for Facebook-style endpoints).</summary>
    public HttpMethod AccessTokenMethod { get; set; } = HttpMethod.Post;

    /// <summary>Extra headers for the access-token / token call.</summary>
    public IDictionary<string, string> AccessTokenHeaders { get; set; } = new Dictionary<string, string>();

    /// <summary>Forces how responses are parsed (token and resource responses), e.g. <c>application/json</c> for Weibo's text/plain JSON.</summary>
    public string? ContentType { get; set; }

    /// <summary>The configuration key this app's settings are read from (<c>GitHub:ConsumerKey</c> or <c>GITHUB_CONSUMER_KEY</c>).</summary>
    public string? AppKey { get; set; }

    /// <summary>The encoding for request bodies; UTF-8 by default.</summary>
    public Encoding Encoding { get; set; } = Encoding.UTF8;

    /// <summary>OAuth 2.0 scopes to request, space separated.</summary>
    public string? Scope { get; set; }

    /// <summary>OAuth 2.0 client authentication at the token endpoint; <c>client_secret_post</c> by default, as flask-oauthlib.</summary>
    public ClientAuthMethod ClientAuthMethod { get; set; } = ClientAuthMethod.ClientSecretPost;

    /// <summary>
    /// For <see cref="ClientAuthMethod.ClientSecretBasic"/>: form-urlencode id and secret before base64, as RFC 6749 §2.3.1
    /// says (Keycloak needs it for secrets with <c>+</c>). Off by default because many servers do not decode them.
    /// </summary>
    public bool FormEncodeBasicCredentials { get; set; }

    /// <summary>PKCE method; S256 by default.</summary>
    public CodeChallengeMethod CodeChallengeMethod { get; set; } = CodeChallengeMethod.S256;

    /// <summary>The word before the token in the Authorization header; <c>Bearer</c> by default, <c>OAuth2</c> for Weibo.</summary>
    public string TokenType { get; set; } = "Bearer";

    /// <summary>Where OAuth 2.0 access tokens go on resource requests.</summary>
    public TokenPlacement TokenPlacement { get; set; } = TokenPlacement.Header;

    /// <summary>RFC 8414 or OpenID Connect discovery document URL; explicit endpoint URLs win over what it says.</summary>
    public string? ServerMetadataUrl { get; set; }

    /// <summary>RFC 7009 revocation endpoint.</summary>
    public string? RevocationUrl { get; set; }

    /// <summary>Allows plain http:// endpoints on non-loopback hosts. Loopback is always allowed, for development.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Looks up the token for a call when none is passed explicitly.</summary>
    public TokenGetter? TokenGetter { get; set; }

    /// <summary>Looks up and persists tokens; refreshed tokens are saved here before they are used. Wins over <see cref="TokenGetter"/>.</summary>
    public ITokenStore? TokenStore { get; set; }

    /// <summary>Called when the client refreshed a token, after it was saved to <see cref="TokenStore"/> and before it is used.</summary>
    public TokenUpdated? TokenUpdated { get; set; }

    /// <summary>
    /// Runs on every attempt of a resource request after signing; may rewrite URI, headers and body. A retried attempt
    /// starts again from the request as the call built it, so the hook sees each attempt once.
    /// </summary>
    public PreRequest? PreRequest { get; set; }

    /// <summary>The clock for OAuth 1.0a timestamps, token expiry and flow lifetimes.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The OAuth 1.0a nonce source; a CSPRNG by default. Inject a fixed one only in tests.</summary>
    public Func<string>? NonceGenerator { get; set; }

    /// <summary>Generates OAuth 2.0 <c>state</c> values (flask's callable state); a 256-bit CSPRNG value by default.</summary>
    public Func<string>? StateGenerator { get; set; }

    /// <summary>OAuth 1.0a: require <c>oauth_callback_confirmed=true</c> (RFC 5849 §2.1). Some providers never send it.</summary>
    public bool RequireCallbackConfirmed { get; set; } = true;

    /// <summary>OAuth 1.0a: add <c>oauth_body_hash</c> to requests with non-form bodies (off by default; some servers reject it).</summary>
    public bool IncludeBodyHash { get; set; }

    /// <summary>How long a flow may take between redirect and callback; 10 minutes by default.</summary>
    public TimeSpan PendingAuthorizationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Remembers used pending authorizations, so each completes at most once (a second callback for the same flow is
    /// <see cref="OAuthErrorType.PendingAuthorizationUsed"/>, and nothing is sent). <see langword="null"/> (the default)
    /// uses one in-memory store per process; set a shared one (or register an <see cref="IReplayStore"/> service for
    /// <c>AddRemoteApp</c>) when callbacks of one flow may reach different servers of a farm.
    /// </summary>
    public IReplayStore? ReplayStore { get; set; }

    /// <summary>
    /// Coordinates OAuth 2.0 refreshes across processes (a web farm sharing <see cref="TokenStore"/>): one refresh per
    /// token in the whole farm. <see langword="null"/> (the default) coordinates within the process only
    /// (<see cref="InProcessTokenRefreshCoordinator"/>); <c>AddRemoteApp</c> takes a registered
    /// <see cref="ITokenRefreshCoordinator"/> service when this is unset.
    /// </summary>
    public ITokenRefreshCoordinator? RefreshCoordinator { get; set; }

    /// <summary>
    /// Shares client credentials tokens across processes: one token request per farm until the token nears expiry.
    /// <see langword="null"/> (the default) caches within the process only (<see cref="InProcessClientCredentialsCache"/>);
    /// <c>AddRemoteApp</c> takes a registered <see cref="IClientCredentialsCache"/> service when this is unset.
    /// </summary>
    public IClientCredentialsCache? ClientCredentialsCache { get; set; }

    /// <summary>
    /// How long a token request shared by several callers may take: automatic and explicit refresh, and client
    /// credentials. No caller's cancellation stops such a request (the others still wait for it), so this bounds it even
    /// when <see cref="HttpClient.Timeout"/> is infinite; when it runs out every waiter gets
    /// <see cref="OAuthErrorType.RefreshFailed"/> or <see cref="OAuthErrorType.TokenEndpointError"/>. 100 seconds by
    /// default (HttpClient's default), measured on <see cref="TimeProvider"/>; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// turns it off. Requests a caller makes for itself (code exchange, revocation) follow that caller's cancellation
    /// token and the HttpClient's timeout instead.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Refresh an OAuth 2.0 token this long before it expires; 60 seconds by default.</summary>
    public TimeSpan RefreshLeeway { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The largest response body read, in bytes; 16 MiB by default. A token endpoint, discovery document or API that
    /// streams more is refused (<see cref="OAuthErrorType.InvalidResponse"/>) instead of filling memory.
    /// </summary>
    public long MaxResponseContentLength { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How many levels XML elements may nest in a response that is read as XML (<see cref="OAuthResponse.Data"/>,
    /// methods returning <see cref="System.Xml.Linq.XElement"/>); 64 by default, as System.Text.Json's JSON depth. A deeper
    /// document is refused (<see cref="OAuthErrorType.InvalidResponse"/>) before a tree is built, which keeps the cost of
    /// reading any response linear in its size. DTDs stay prohibited whatever this says.
    /// </summary>
    public int MaxXmlDepth { get; set; } = DefaultMaxXmlDepth;

    /// <summary>The default of <see cref="MaxXmlDepth"/>.</summary>
    internal const int DefaultMaxXmlDepth = 64;

    /// <summary>
    /// Options for reading and writing JSON bodies; supply a source-generated resolver for AOT. The app works on a copy:
    /// the object given here is never made read-only or changed.
    /// </summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Which discovery documents are trusted and how long they are kept (<see cref="ServerMetadataUrl"/>).</summary>
    public DiscoveryPolicy DiscoveryPolicy { get; set; } = new();

    /// <summary>How long client credentials tokens are reused and how many are kept.</summary>
    public TokenCachePolicy TokenCachePolicy { get; set; } = new();

    /// <summary>Which <c>token_type</c> values the token endpoint may answer with (bearer only, by default).</summary>
    public TokenTypePolicy TokenTypePolicy { get; set; } = new();

    /// <summary>
    /// The app only calls APIs with tokens it is given (a personal access token or an API key through
    /// <see cref="TokenGetter"/>, <see cref="TokenStore"/> or a call's token): no authorization endpoint, token endpoint
    /// or OAuth 2.0 client credentials are required when it is created or when the host starts. OAuth 1.0a apps still need
    /// their consumer credentials, which sign every request. A flow that needs a missing value fails with
    /// <see cref="OAuthErrorType.InvalidConfiguration"/> naming it. Set in code only: configuration never loosens the check.
    /// </summary>
    public bool ApiOnly { get; set; }

    /// <summary>
    /// Creates the <c>OAuthGen</c> meter the app records its metrics on; <see langword="null"/> (the default) uses the
    /// process-wide one. <c>AddRemoteApp</c> takes the container's <see cref="IMeterFactory"/> when this is unset, so a
    /// host's (or a test's) metrics are its own.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// The device authorization endpoint (RFC 8628 §3.1) for <see cref="IRemoteApp.StartDeviceAuthorizationAsync"/>;
    /// discovered as <c>device_authorization_endpoint</c> when unset and <see cref="ServerMetadataUrl"/> is.
    /// </summary>
    public string? DeviceAuthorizationUrl { get; set; }

    /// <summary>
    /// PEM text of the RSA or EC private key that signs client assertions for <see cref="ClientAuthMethod.PrivateKeyJwt"/>
    /// (PKCS#8 <c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>). A secret: keep it in configuration.
    /// </summary>
    public string? ClientAssertionKey { get; set; }

    /// <summary>
    /// The JWS algorithm of client assertions. <see langword="null"/> (the default) picks it from the key: RS256 for RSA,
    /// ES256/ES384/ES512 for P-256/P-384/P-521, HS256 for <see cref="ClientAuthMethod.ClientSecretJwt"/>. PS256, PS384,
    /// PS512, RS384 and RS512 (RSA) and HS384 and HS512 (secret) may be chosen.
    /// </summary>
    public string? ClientAssertionAlgorithm { get; set; }

    /// <summary>The <c>kid</c> header of client assertions, for servers that keep several keys per client.</summary>
    public string? ClientAssertionKeyId { get; set; }

    /// <summary>
    /// The <c>aud</c> of client assertions. <see langword="null"/> (the default) is the token endpoint URL, as OpenID
    /// Connect Core §9 asks, for every endpoint the client authenticates at (token, revocation, device authorization);
    /// set the issuer identifier here for servers that want that instead (RFC 7523 §3 allows either).
    /// </summary>
    public string? ClientAssertionAudience { get; set; }

    /// <summary>How long a client assertion is valid (its <c>exp</c> after <c>iat</c>); 60 seconds by default. Each is used once.</summary>
    public TimeSpan ClientAssertionLifetime { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How OpenID Connect sign-ins (a <c>scope</c> holding <c>openid</c>) check the id_token; see docs/openid-connect.md.</summary>
    public OpenIdConnectPolicy OpenIdConnectPolicy { get; set; } = new();

    /// <summary>OpenID Connect: the JWKS (the server's signing keys, <c>jwks_uri</c>); discovered when unset.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>OpenID Connect: the UserInfo endpoint (<c>userinfo_endpoint</c>); discovered when unset.</summary>
    public string? UserInfoUrl { get; set; }

    /// <summary>OpenID Connect RP-Initiated Logout: the end-session endpoint (<c>end_session_endpoint</c>); discovered when unset.</summary>
    public string? EndSessionUrl { get; set; }

    /// <summary>
    /// Whether the authorization parameters are pushed to the server first (RFC 9126) so the browser carries only
    /// <c>client_id</c> and <c>request_uri</c>: when an endpoint is known (the default), never, or always (an error when
    /// none is configured or discovered). A server whose metadata says <c>require_pushed_authorization_requests</c> gets
    /// pushed requests unless this is <see cref="PushedAuthorization.Disable"/>.
    /// </summary>
    public PushedAuthorization PushedAuthorization { get; set; } = PushedAuthorization.UseIfAvailable;

    /// <summary>
    /// The pushed authorization request endpoint (RFC 9126 §2); else the discovered <c>pushed_authorization_request_endpoint</c>
    /// (looked up when the authorization endpoint is discovered too, or when <see cref="PushedAuthorization"/> is
    /// <see cref="PushedAuthorization.Require"/>).
    /// </summary>
    public string? PushedAuthorizationRequestUrl { get; set; }

    /// <summary>
    /// Sender-constrained tokens (RFC 9449): every token request (code exchange, refresh, client credentials) carries a
    /// DPoP proof, tokens of type <c>DPoP</c> are accepted, and they are sent as <c>Authorization: DPoP</c> with a fresh
    /// proof per resource request. A DPoP-bound token is never sent as a bearer token, with or without this option.
    /// </summary>
    public bool UseDPoP { get; set; }

    /// <summary>
    /// The DPoP key (an <see cref="System.Security.Cryptography.ECDsa"/> on P-256, signing ES256, or an
    /// <see cref="System.Security.Cryptography.RSA"/> key of 2048 bits or more, signing RS256). When none is given, a P-256
    /// key is generated once per app name and process; tokens bound to it are then useless to another process, so give a
    /// key when tokens are stored across restarts or machines. The app uses the key; it never disposes it.
    /// </summary>
    public System.Security.Cryptography.AsymmetricAlgorithm? DPoPKey { get; set; }

    /// <summary>Whether this is an OAuth 1.0a app.</summary>
    public bool IsOAuth1 => RequestTokenUrl is not null;

    /// <summary>A copy whose collections are copies too, so the original can change without affecting it.</summary>
    public RemoteAppOptions Clone()
    {
        var copy = (RemoteAppOptions)MemberwiseClone();
        copy.RequestTokenParams = new Dictionary<string, string>(RequestTokenParams);
        copy.AccessTokenParams = new Dictionary<string, string>(AccessTokenParams);
        copy.AccessTokenHeaders = new Dictionary<string, string>(AccessTokenHeaders, StringComparer.OrdinalIgnoreCase);
        // A null policy (set through the null-forgiving operator) is copied as null for the validator to report.
        copy.DiscoveryPolicy = DiscoveryPolicy?.Clone()!;
        copy.TokenCachePolicy = TokenCachePolicy?.Clone()!;
        copy.TokenTypePolicy = TokenTypePolicy?.Clone()!;
        copy.OpenIdConnectPolicy = OpenIdConnectPolicy?.Clone()!;
        return copy;
    }

    /// <summary>Describes the options without secrets.</summary>
    public override string ToString() =>
        $"RemoteAppOptions {{ Name = {Name}, Protocol = {(IsOAuth1 ? "OAuth 1.0a" : "OAuth 2.0")}, BaseUrl = {BaseUrl}, " +
        $"HasConsumerKey = {ConsumerKey is not null}, HasConsumerSecret = {ConsumerSecret is not null}, HasRsaKey = {RsaKey is not null}, " +
        $"HasClientAssertionKey = {ClientAssertionKey is not null} }}";
}
