using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Weibo;

// flask-oauthlib:
//   weibo = oauth.remote_app('weibo',
//       consumer_key=..., consumer_secret=...,
//       request_token_params={'scope': 'email,statuses_to_me_read'},
//       base_url='https://api.weibo.com/2/',
//       authorize_url='https://api.weibo.com/oauth2/authorize',
//       request_token_url=None,
//       access_token_method='POST',
//       access_token_url='https://api.weibo.com/oauth2/access_token',
//       content_type='application/json')   # force to parse the response in application/json
//   weibo.pre_request = change_weibo_header  # 'Bearer' -> 'OAuth2' in the Authorization header
// Weibo answers JSON labelled text/plain (or nothing): ContentType forces the JSON parser for every response, the token
// endpoint's included. It wants "Authorization: OAuth2 <token>": TokenType says so, no pre_request hook needed
// (RemoteAppOptions.PreRequest still exists for stranger providers).

/// <summary>The Weibo API through OAuth 2.0, with its two quirks configured.</summary>
[RemoteApp("weibo",
    BaseUrl = "https://api.weibo.com/2/",
    AuthorizeUrl = "https://api.weibo.com/oauth2/authorize",
    AccessTokenUrl = "https://api.weibo.com/oauth2/access_token",
    AccessTokenMethod = "POST",
    Scope = "email,statuses_to_me_read",
    ContentType = "application/json",
    TokenType = "OAuth2",
    AppKey = "Weibo")]
public partial interface IWeibo
{
    /// <summary><c>weibo.get('statuses/home_timeline.json')</c>.</summary>
    [Get("statuses/home_timeline.json")]
    Task<OAuthResponse<JsonElement>> GetHomeTimelineAsync(CancellationToken cancellationToken = default);

    /// <summary><c>weibo.get('account/get_uid.json')</c>: the signed-in user's id.</summary>
    [Get("account/get_uid.json")]
    Task<JsonElement> GetUidAsync(CancellationToken cancellationToken = default);
}
