using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace OAuthGen.Consumer.Tests;

// AOT-safe JSON through a source-generated context, JSON served as text/plain, Weibo's "OAuth2" token word.
[RemoteApp("weibo",
    BaseUrl = "https://api.weibo.com/2/",
    AuthorizeUrl = "https://api.weibo.com/oauth2/authorize",
    AccessTokenUrl = "https://api.weibo.com/oauth2/access_token",
    TokenType = "OAuth2",
    ContentType = "application/json",
    AppKey = "WEIBO",
    JsonContext = typeof(WeiboJson))]
internal partial interface IWeibo
{
    [Get("users/show.json")]
    Task<WeiboUser> ShowUserAsync(long uid);

    [Post("statuses/share.json")]
    [ContentType("application/json")]
    Task<JsonElement> ShareAsync([Field] string status);

    [Post("statuses/share.json")]
    [ContentType("application/json")]
    Task<JsonElement> ShareFromAsync([Field] string status, [Field("lat")] double latitude, [Field("long")] double longitude,
        [Field("visible")] int? visibility = null);
}

internal sealed record WeiboUser([property: JsonPropertyName("screen_name")] string ScreenName);

[JsonSerializable(typeof(WeiboUser))]
internal sealed partial class WeiboJson : JsonSerializerContext;
