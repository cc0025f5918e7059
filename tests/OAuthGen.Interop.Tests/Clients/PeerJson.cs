using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OAuthGen.Interop.Tests.Clients;

/// <summary>What the peer's <c>/api/echo</c> endpoints (OAuth 1 and 2) say arrived (peer/README.md, "Echo JSON").</summary>
public sealed class Echo
{
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    /// <summary>Decoded <c>[name, value]</c> pairs of the query, order and repeats kept.</summary>
    public List<List<string>> Query { get; set; } = [];
    /// <summary>Decoded <c>[name, value]</c> pairs of a form body.</summary>
    public List<List<string>> Form { get; set; } = [];
    /// <summary>Query then form pairs without <c>oauth_*</c> and <c>access_token</c>.</summary>
    public List<List<string>> Params { get; set; } = [];
    public JsonElement? Json { get; set; }
    public string? ContentType { get; set; }
    public string? RawQuery { get; set; }
    public string? RawBody { get; set; }
    public string? ClientId { get; set; }
    public string? User { get; set; }
    /// <summary>OAuth 1 only.</summary>
    public string? SignatureMethod { get; set; }
    /// <summary>OAuth 1 only: <c>header</c>, <c>query</c> or <c>body</c>.</summary>
    public string? SignatureType { get; set; }
    /// <summary>OAuth 2 only: <c>header</c>, <c>query</c> or <c>body</c>.</summary>
    public string? TokenPlacement { get; set; }
    /// <summary>OAuth 2 only: the request's <c>X-*</c> headers.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary><see cref="Params"/> as pairs, to compare with what was sent.</summary>
    public List<KeyValuePair<string, string>> ParamPairs() => Pairs(Params);

    /// <summary><see cref="Form"/> as pairs.</summary>
    public List<KeyValuePair<string, string>> FormPairs() => Pairs(Form);

    private static List<KeyValuePair<string, string>> Pairs(List<List<string>> pairs) =>
        pairs.ConvertAll(p => new KeyValuePair<string, string>(p[0], p[1]));
}

/// <summary>The OAuth 1 peer's <c>/oauth1/api/me</c>.</summary>
public sealed class OAuth1User
{
    public int Id { get; set; }
    public string? ScreenName { get; set; }
    public string? Name { get; set; }
}

/// <summary>The OAuth 1 peer's <c>statuses/update.json</c> answer (Twitter's shape).</summary>
public sealed class Tweet
{
    public int Id { get; set; }
    public string? Text { get; set; }
    public OAuth1User? User { get; set; }
}

/// <summary>The OAuth 2 peer's <c>/api/me</c> (user fields are null for a client credentials token).</summary>
public sealed class PeerUser
{
    public int? Id { get; set; }
    public string? Username { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? ClientId { get; set; }
    public string? Scope { get; set; }
}

/// <summary>A JSON request body.</summary>
public sealed class Note
{
    public string? Text { get; set; }
    public List<int>? Numbers { get; set; }
}

/// <summary>The GitHub-style <c>/github/user</c>.</summary>
public sealed class GitHubUser
{
    public string? Login { get; set; }
    public int Id { get; set; }
    public string? Email { get; set; }
}

/// <summary>The Weibo-style user.</summary>
public sealed class WeiboUser
{
    public int Id { get; set; }
    public string? Idstr { get; set; }
    public string? ScreenName { get; set; }
}

/// <summary>The Weibo-style <c>statuses/update.json</c> answer.</summary>
public sealed class WeiboStatus
{
    public int Id { get; set; }
    public string? Text { get; set; }
    public WeiboUser? User { get; set; }
}

/// <summary>The peer's snake_case JSON, read without reflection (the generated clients name it as their JsonContext).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Echo))]
[JsonSerializable(typeof(OAuth1User))]
[JsonSerializable(typeof(Tweet))]
[JsonSerializable(typeof(PeerUser))]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(GitHubUser))]
[JsonSerializable(typeof(WeiboUser))]
[JsonSerializable(typeof(WeiboStatus))]
public sealed partial class PeerJson : JsonSerializerContext;
