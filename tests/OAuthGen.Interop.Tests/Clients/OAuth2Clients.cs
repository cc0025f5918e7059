using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace OAuthGen.Interop.Tests.Clients;

// As for OAuth 1: URLs are written against PeerClients.PlaceholderBase and moved to the live peer at run time;
// secrets are set by the tests, as configuration would.

/// <summary>The bearer resources of the peer's OAuth 2.0 provider, shared by one client per registered test client.</summary>
public interface IOAuth2PeerApi : IRemoteApp
{
    /// <summary>The token's user and client; throws <c>http_error</c> when the peer refuses the token.</summary>
    [Get("api/me")]
    Task<PeerUser> MeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>The same, never throwing on status (flask semantics).</summary>
    [Get("api/me")]
    Task<OAuthResponse<PeerUser>> MeResponseAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>The user as <c>application/xml</c>.</summary>
    [Get("api/me.xml")]
    Task<XElement> MeXmlAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>The user as <c>application/x-www-form-urlencoded</c>.</summary>
    [Get("api/me.form")]
    Task<FormData> MeFormAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Echoes a GET; the tricky parameters travel in the query (<paramref name="a"/> repeats its name).</summary>
    [Get("api/echo")]
    Task<Echo> EchoQueryAsync(string status, string text, IEnumerable<string> a, string chars,
        OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Echoes a POST; the tricky parameters travel as form fields.</summary>
    [Post("api/echo")]
    Task<Echo> EchoFormAsync([Field] string status, [Field] string text, [Field] IEnumerable<string> a, [Field] string chars,
        OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Echoes a JSON body and a header.</summary>
    [Put("api/echo")]
    Task<Echo> EchoJsonAsync([Body] Note note, [Header("X-Note-Id")] int noteId, OAuthToken? token = null,
        CancellationToken cancellationToken = default);

    /// <summary>Answers HTTP <paramref name="code"/>; a non-2xx throws <c>http_error</c> (no result to return).</summary>
    [Post("api/status/{code}")]
    ValueTask StatusAsync(int code, OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>HEAD of the user resource: status and headers, no body.</summary>
    [Head("api/me")]
    Task<OAuthResponse> HeadMeAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);

    /// <summary>Needs scope <c>admin</c>.</summary>
    [Get("api/admin")]
    Task<OAuthResponse> AdminAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);
}

/// <summary>Client <c>o2-post</c>: <c>client_secret_post</c> (flask-oauthlib's way), PKCE S256, revocation.</summary>
[RemoteApp("peer-oauth2-post", BaseUrl = PeerClients.PlaceholderBase,
    AuthorizeUrl = "oauth2/authorize", AccessTokenUrl = "oauth2/token", RevocationUrl = "oauth2/revoke",
    ConsumerKey = "o2-post", Scope = "profile email", ClientAuthMethod = ClientAuthMethod.ClientSecretPost,
    JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth2Post : IOAuth2PeerApi;

/// <summary>Client <c>o2-basic</c>: <c>client_secret_basic</c>, PKCE S256.</summary>
[RemoteApp("peer-oauth2-basic", BaseUrl = PeerClients.PlaceholderBase,
    AuthorizeUrl = "oauth2/authorize", AccessTokenUrl = "oauth2/token", RevocationUrl = "oauth2/revoke",
    ConsumerKey = "o2-basic", Scope = "profile", ClientAuthMethod = ClientAuthMethod.ClientSecretBasic,
    JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth2Basic : IOAuth2PeerApi;

/// <summary>Client <c>o2-public</c>: no client authentication, PKCE plain; tokens go in the query.</summary>
[RemoteApp("peer-oauth2-public", BaseUrl = PeerClients.PlaceholderBase,
    AuthorizeUrl = "oauth2/authorize", AccessTokenUrl = "oauth2/token",
    ConsumerKey = "o2-public", ClientAuthMethod = ClientAuthMethod.None, CodeChallengeMethod = CodeChallengeMethod.Plain,
    TokenPlacement = TokenPlacement.Query, JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth2Public : IOAuth2PeerApi;

/// <summary>Client <c>o2-post</c> knowing nothing but the peer's RFC 8414 metadata URL.</summary>
[RemoteApp("peer-oauth2-discovered", BaseUrl = PeerClients.PlaceholderBase,
    ServerMetadataUrl = PeerClients.PlaceholderBase + ".well-known/oauth-authorization-server",
    ConsumerKey = "o2-post", JsonContext = typeof(PeerJson))]
public partial interface IPeerOAuth2Discovered : IOAuth2PeerApi;

/// <summary>GitHub's OAuth App flow: form-urlencoded token responses, errors on HTTP 200, the <c>token</c> header word.</summary>
[RemoteApp("peer-github", BaseUrl = PeerClients.PlaceholderBase + "github/",
    AuthorizeUrl = "login/oauth/authorize", AccessTokenUrl = "login/oauth/access_token",
    ConsumerKey = "github-client", Scope = "user repo", TokenType = "token", JsonContext = typeof(PeerJson))]
public partial interface IPeerGitHub
{
    [Get("user")]
    Task<GitHubUser> UserAsync(OAuthToken? token = null, CancellationToken cancellationToken = default);
}

/// <summary>Weibo: JSON served as text/plain (hence the forced ContentType) and the <c>OAuth2</c> header word.</summary>
[RemoteApp("peer-weibo", BaseUrl = PeerClients.PlaceholderBase + "weibo/",
    AuthorizeUrl = "oauth2/authorize", AccessTokenUrl = "oauth2/access_token",
    ConsumerKey = "weibo-client", Scope = "email", ContentType = "application/json", TokenType = "OAuth2",
    JsonContext = typeof(PeerJson))]
public partial interface IPeerWeibo
{
    [Get("2/users/show.json")]
    Task<WeiboUser> ShowUserAsync(string uid, OAuthToken? token = null, CancellationToken cancellationToken = default);

    [Post("2/statuses/update.json")]
    Task<OAuthResponse<WeiboStatus>> UpdateStatusAsync([Field] string status, OAuthToken? token = null,
        CancellationToken cancellationToken = default);
}
