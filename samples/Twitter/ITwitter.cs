using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Twitter;

// flask-oauthlib:
//   twitter = oauth.remote_app('twitter',
//       base_url='https://api.twitter.com/1.1/',
//       request_token_url='https://api.twitter.com/oauth/request_token',
//       access_token_url='https://api.twitter.com/oauth/access_token',
//       authorize_url='https://api.twitter.com/oauth/authorize',
//       app_key='TWITTER')
// A RequestTokenUrl makes it OAuth 1.0a (HMAC-SHA1, Authorization header). The consumer key and secret are not in code:
// they come from configuration under the AppKey (Twitter:ConsumerKey or TWITTER_CONSUMER_KEY, and the secret).

/// <summary>The Twitter API (v1.1) through OAuth 1.0a.</summary>
[RemoteApp("twitter",
    BaseUrl = "https://api.twitter.com/1.1/",
    RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
    AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
    AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
    AppKey = "Twitter")]
public partial interface ITwitter
{
    /// <summary><c>twitter.get('statuses/home_timeline.json')</c>; never throws on HTTP status, like flask-oauthlib.</summary>
    [Get("statuses/home_timeline.json")]
    Task<OAuthResponse<List<Tweet>>> GetHomeTimelineAsync(CancellationToken cancellationToken = default);

    /// <summary><c>twitter.post('statuses/update.json', data={'status': status})</c>: the form field is signed too.</summary>
    [Post("statuses/update.json")]
    Task<OAuthResponse<Tweet>> UpdateStatusAsync([Field("status")] string status, CancellationToken cancellationToken = default);
}

/// <summary>A tweet, as much of it as the page shows.</summary>
public sealed record Tweet(
    [property: JsonPropertyName("id_str")] string Id,
    string Text,
    TwitterUser User);

/// <summary>A tweet's author.</summary>
public sealed record TwitterUser([property: JsonPropertyName("screen_name")] string ScreenName);
