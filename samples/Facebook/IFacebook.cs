using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Facebook;

// flask-oauthlib:
//   facebook = oauth.remote_app('facebook',
//       base_url='https://graph.facebook.com/',
//       request_token_url=None,
//       access_token_url='/oauth/access_token',
//       authorize_url='https://www.facebook.com/dialog/oauth',
//       consumer_key=FACEBOOK_APP_ID, consumer_secret=FACEBOOK_APP_SECRET,
//       request_token_params={'scope': 'email'})
// No RequestTokenUrl: OAuth 2.0. The relative AccessTokenUrl is joined to BaseUrl
// (https://graph.facebook.com/oauth/access_token). The scope is a RequestTokenParams entry, set in Program.cs; the app id
// and secret come from configuration under the AppKey (Facebook:ConsumerKey or FACEBOOK_CONSUMER_KEY, and the secret).

/// <summary>The Facebook Graph API through OAuth 2.0.</summary>
[RemoteApp("facebook",
    BaseUrl = "https://graph.facebook.com/",
    AccessTokenUrl = "/oauth/access_token",
    AuthorizeUrl = "https://www.facebook.com/dialog/oauth",
    AppKey = "Facebook")]
public partial interface IFacebook
{
    /// <summary><c>facebook.get('/me')</c> with the fields the page shows.</summary>
    [Get("me")]
    Task<FacebookUser> GetMeAsync([Query("fields")] string fields = "id,name,email", CancellationToken cancellationToken = default);
}

/// <summary>The signed-in Facebook user.</summary>
public sealed record FacebookUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string? Email);
