using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OAuthGen's resource requests against the live peer, with access tokens obtained by plain HTTP (PeerGrants): what
/// the runtime puts on the wire must be what Authlib and Flask read, and what they answer must parse.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class RuntimeResourceTests(AuthlibPeer peer)
{
    private static readonly KeyValuePair<string, string>[] Parameters = WireParameters.Tricky;

    private RemoteApp CreateApp(TokenPlacement placement = TokenPlacement.Header, string tokenType = "Bearer") =>
        new(new HttpClient(), new RemoteAppOptions
        {
            Name = "peer",
            BaseUrl = peer.BaseUrl + "/",
            ConsumerKey = "o2-post",
            ConsumerSecret = PeerGrants.TrickySecret,
            AuthorizeUrl = peer.Url("/oauth2/authorize"),
            AccessTokenUrl = peer.Url("/oauth2/token"),
            TokenPlacement = placement,
            TokenType = tokenType,
        });

    private static List<KeyValuePair<string, string>> Pairs(JsonElement array) => WireParameters.Pairs(array);

    [Fact]
    public async Task An_unknown_token_comes_back_as_the_peers_401_without_throwing()
    {
        var response = await CreateApp().GetAsync("api/me", token: "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_token", ((JsonElement)response.Data!).GetProperty("error").GetString());
        Assert.Contains("error=\"invalid_token\"", response.Headers["WWW-Authenticate"].Single());
    }

    [Fact]
    public async Task Json_xml_and_form_resources_parse_by_their_content_type()
    {
        var token = await PeerGrants.UserAccessTokenAsync(peer);
        var app = CreateApp();

        var json = await app.GetAsync("api/me", token: token);
        var xml = await app.GetAsync("api/me.xml", token: token);
        var form = await app.GetAsync("api/me.form", token: token);

        Assert.Equal("alice", ((JsonElement)json.Data!).GetProperty("username").GetString());
        Assert.Equal("application/xml", xml.ContentType);
        Assert.Equal("alice", ((XElement)xml.Data!).Element("username")!.Value);
        Assert.Equal("application/x-www-form-urlencoded", form.ContentType);
        Assert.Equal("alice", ((FormData)form.Data!)["username"]);
    }

    [Theory]
    [InlineData(TokenPlacement.Header, "header")]
    [InlineData(TokenPlacement.Query, "query")]
    public async Task Query_parameters_and_the_token_arrive_intact(TokenPlacement placement, string expectedPlacement)
    {
        var token = await PeerGrants.UserAccessTokenAsync(peer);

        var response = await CreateApp(placement).GetAsync("api/echo", Parameters, token: token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var echo = (JsonElement)response.Data!;
        Assert.Equal(expectedPlacement, echo.GetProperty("token_placement").GetString());
        Assert.Equal(Parameters, Pairs(echo.GetProperty("params")));
    }

    [Theory]
    [InlineData(TokenPlacement.Header, "header")]
    [InlineData(TokenPlacement.Body, "body")]
    public async Task Form_bodies_and_the_token_arrive_intact(TokenPlacement placement, string expectedPlacement)
    {
        var token = await PeerGrants.UserAccessTokenAsync(peer);

        var response = await CreateApp(placement).PostAsync("api/echo", Parameters, token: token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var echo = (JsonElement)response.Data!;
        Assert.Equal(expectedPlacement, echo.GetProperty("token_placement").GetString());
        Assert.Equal(Parameters, Pairs(echo.GetProperty("form")).Where(p => p.Key != "access_token"));
    }

    [Fact]
    public async Task Json_bodies_arrive_intact()
    {
        var token = await PeerGrants.UserAccessTokenAsync(peer);

        var response = await CreateApp().PostAsync("api/echo", new Dictionary<string, string> { ["text"] = "☃ 日本" },
            format: BodyFormat.Json, token: token);

        var echo = (JsonElement)response.Data!;
        Assert.Equal("☃ 日本", echo.GetProperty("json").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Weibo_resources_take_the_OAuth2_word_and_refuse_Bearer()
    {
        var token = await PeerGrants.WeiboAccessTokenAsync(peer);

        var accepted = await CreateApp(tokenType: "OAuth2").GetAsync("weibo/2/users/show.json", token: token);
        var refused = await CreateApp(tokenType: "Bearer").GetAsync("weibo/2/users/show.json", token: token);

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("alice", ((JsonElement)accepted.Data!).GetProperty("screen_name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.StartsWith("OAuth2 ", refused.Headers["WWW-Authenticate"].Single());
    }

    [Fact]
    public async Task A_scope_the_token_lacks_is_a_403_with_an_insufficient_scope_challenge()
    {
        var token = await PeerGrants.UserAccessTokenAsync(peer, scope: "profile");

        var response = await CreateApp().GetAsync("api/admin", token: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers["WWW-Authenticate"].Single());
    }
}
