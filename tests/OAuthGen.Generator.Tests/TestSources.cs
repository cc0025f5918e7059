namespace OAuthGen.Generator.Tests;

/// <summary>The interfaces the tests generate clients for, written as a user would.</summary>
internal static class TestSources
{
    /// <summary>OAuth 1.0a, Twitter style: form fields, query flags, explicit and named tokens, reflection JSON (no JsonContext).</summary>
    public const string Twitter = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace Samples.Twitter;

        [RemoteApp("twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authenticate",
            RequestTokenMethod = "POST",
            SignatureMethod = SignatureMethod.HmacSha1,
            AppKey = "TWITTER")]
        public partial interface ITwitter
        {
            [Get("statuses/home_timeline.json")]
            Task<JsonElement> HomeTimelineAsync(int? count = null, [Query("since_id")] long? sinceId = null, CancellationToken cancellationToken = default);

            [Post("statuses/update.json")]
            Task<OAuthResponse> UpdateStatusAsync([Field] string status, [Query("include_entities")] bool includeEntities = true,
                OAuthToken? token = null, CancellationToken cancellationToken = default);

            [Get("users/show.json")]
            Task<TwitterUser> ShowUserAsync([Query("screen_name")] string screenName, [TokenName] string? tokenName = null);

            [Post("statuses/destroy/{id}.json")]
            Task DestroyAsync(long id);
        }

        public sealed class TwitterUser
        {
            public string? ScreenName { get; set; }
            public string? Name { get; set; }
        }
        """;

    /// <summary>OAuth 2.0, GitHub style: JsonContext, interface headers, route values, JSON body, typed responses, ValueTask.</summary>
    public const string GitHub = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace Samples.GitHub;

        [RemoteApp("github",
            BaseUrl = "https://api.github.com/",
            AuthorizeUrl = "https://github.com/login/oauth/authorize",
            AccessTokenUrl = "https://github.com/login/oauth/access_token",
            Scope = "user:email repo",
            ClientAuthMethod = ClientAuthMethod.ClientSecretPost,
            AppKey = "GitHub",
            JsonContext = typeof(GitHubJson))]
        [Headers("Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28")]
        public partial interface IGitHub
        {
            [Get("user")]
            Task<GitHubUser> GetUserAsync(CancellationToken cancellationToken = default);

            [Get("users/{username}/repos")]
            Task<List<Repository>> ListReposAsync(string username, [Query("per_page")] int? perPage = null, string? sort = null,
                CancellationToken cancellationToken = default);

            [Post("repos/{owner}/{repo}/issues")]
            Task<OAuthResponse<Issue>> CreateIssueAsync(string owner, string repo, [Body] NewIssue issue, CancellationToken cancellationToken = default);

            [Delete("repos/{owner}/{repo}")]
            ValueTask DeleteRepoAsync(string owner, string repo, [Header("X-Reason")] string? reason = null);

            [Head("rate_limit")]
            ValueTask<OAuthResponse> RateLimitAsync();
        }

        public sealed record GitHubUser(string Login, long Id, string? Name);
        public sealed record Repository(string Name, [property: JsonPropertyName("full_name")] string FullName);
        public sealed record NewIssue(string Title, string? Body = null);
        public sealed record Issue(long Number, string Title);

        [JsonSerializable(typeof(GitHubUser))]
        [JsonSerializable(typeof(List<Repository>))]
        [JsonSerializable(typeof(NewIssue))]
        [JsonSerializable(typeof(Issue))]
        internal sealed partial class GitHubJson : JsonSerializerContext;
        """;

    /// <summary>OAuth 2.0, Weibo style: "OAuth2" token word, JSON served as text/plain, per-endpoint forced content types.</summary>
    public const string Weibo = """
        using System.Text.Json;
        using System.Threading.Tasks;
        using System.Xml.Linq;
        using OAuthGen;

        namespace Samples.Weibo;

        [RemoteApp("weibo",
            BaseUrl = "https://api.weibo.com/2/",
            AuthorizeUrl = "https://api.weibo.com/oauth2/authorize",
            AccessTokenUrl = "https://api.weibo.com/oauth2/access_token",
            TokenType = "OAuth2",
            ContentType = "application/json",
            AppKey = "WEIBO")]
        public partial interface IWeibo
        {
            [Get("users/show.json")]
            [ContentType("application/json")]
            Task<JsonElement> ShowUserAsync(long uid);

            [Post("statuses/share.json")]
            [ContentType("application/json")]
            Task<OAuthResponse<JsonElement>> ShareAsync([Field] string status, [Field("rip")] string? ip = null);

            [Get("account/get_uid.json")]
            [ContentType("text/plain")]
            Task<string> GetUidTextAsync();

            [Get("feeds/{id}.xml")]
            [ContentType("application/xml")]
            [Headers("Accept: application/xml")]
            Task<XElement> FeedAsync(string id);
        }
        """;

    /// <summary>Every binding and return shape at once, nested in partial types, inheriting endpoints from a base interface.</summary>
    public const string Large = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Xml.Linq;
        using OAuthGen;

        namespace Samples.Large;

        public enum Visibility { Public, Private }

        public sealed class Note
        {
            public string? Text { get; set; }
            public int Stars { get; set; }
        }

        public interface IHealth
        {
            [Get("health")]
            Task<string> HealthAsync(CancellationToken cancellationToken = default);
        }

        public static partial class Outer
        {
            public partial record struct Holder
            {
                [RemoteApp("large",
                    BaseUrl = "https://api.example.com/v1/",
                    AuthorizeUrl = "https://example.com/authorize",
                    AccessTokenUrl = "https://example.com/token",
                    TokenPlacement = TokenPlacement.Header,
                    CodeChallengeMethod = CodeChallengeMethod.S256,
                    AccessTokenMethod = "post",
                    AllowInsecureHttp = false,
                    AppKey = "Large")]
                [Headers("User-Agent: OAuthGen-Tests/1.0")]
                public partial interface ILarge : IHealth
                {
                    [Get("items/{id}/notes/{noteId}")]
                    Task<Note> GetNoteAsync(Guid id, int noteId, CancellationToken cancellationToken = default);

                    [Get("search?fixed=1")]
                    Task<OAuthResponse<List<Note>>> SearchAsync(string? q, IEnumerable<string> tags, Visibility visibility,
                        DateTimeOffset? since = null, [Query("class")] string? @class = null);

                    [Post("notes")]
                    ValueTask<Note> CreateAsync([Body] Note note, [Header("Idempotency-Key")] string? key = null, OAuthToken? token = null);

                    [Put("notes/{id}")]
                    Task<OAuthResponse> ReplaceAsync(long id, [Body(BodyFormat.UrlEncoded)] Dictionary<string, string> form);

                    [Patch("notes/{id}")]
                    Task<JsonElement> PatchAsync(long id, [Body] JsonElement patch, [TokenName] string tokenName);

                    [Post("upload")]
                    [Headers("X-Upload: raw")]
                    Task UploadAsync([Body] string text);

                    [Post("form")]
                    Task<FormData> FormAsync([Field] string name, [Field("n")] int[] numbers, [Field] bool? flag = null);

                    [Get("feed.xml")]
                    Task<XElement> FeedAsync();

                    [Get("blob/{name}")]
                    Task<byte[]> BlobAsync(string name);

                    [Delete("notes/{id}")]
                    ValueTask<OAuthResponse<string>> DeleteAsync(long id);

                    [Head("https://status.example.com/ping")]
                    Task PingAsync();

                    [Get("")]
                    Task<OAuthResponse<Note>> RootAsync();

                    static string Describe() => "not an endpoint";

                    string Greeting() => "default interface methods are not endpoints";
                }
            }
        }
        """;

    /// <summary>One parameter of every value kind per binding (query, field, header, path): how each becomes text.</summary>
    public const string Values = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace Samples.Values;

        public enum Color { Red, DarkBlue = 5 }

        [Flags]
        public enum Access { None = 0, Read = 1, Write = 2 }

        [RemoteApp("values",
            BaseUrl = "https://api.example.com/",
            AuthorizeUrl = "https://example.com/authorize",
            AccessTokenUrl = "https://example.com/token")]
        public partial interface IValues
        {
            [Get("query")]
            Task<OAuthResponse> QueryAsync(int count, long? since, bool flag, double ratio, decimal price, DateTimeOffset at, Guid id,
                Color color, Access access, Uri next, string? text, int[] ids, List<string?> tags, IEnumerable<int?> levels,
                TimeSpan? wait = null, Color? shade = null, DateOnly? on = null, TimeOnly? time = null);

            [Post("form")]
            Task<OAuthResponse> FormAsync([Field] int count, [Field] long? since, [Field] bool flag, [Field] double ratio,
                [Field] decimal price, [Field] DateTime day, [Field] Guid id, [Field] Color color, [Field] Uri? next,
                [Field] string? text, [Field("n")] int[]? numbers, [Field] List<string> tags);

            [Get("headers")]
            Task<OAuthResponse> HeadersAsync([Header("X-Count")] int count, [Header("X-Since")] long? since, [Header("X-Flag")] bool flag,
                [Header("X-Ratio")] double ratio, [Header("X-Price")] decimal price, [Header("X-At")] DateTimeOffset at,
                [Header("X-Id")] Guid id, [Header("X-Color")] Color color, [Header("X-Next")] Uri? next, [Header("X-Text")] string? text);

            [Get("items/{name}/{id}/{count}/{since}/{ratio}/{color}/{at}/{next}")]
            Task<OAuthResponse> PathAsync(string name, Guid id, int count, long? since, double ratio, Color color, DateTimeOffset at, Uri next);
        }
        """;
}
