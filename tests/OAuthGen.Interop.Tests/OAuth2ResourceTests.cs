using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// Bearer resource requests of generated clients against the peer: what they put on the wire must be what Authlib and
/// Flask read (every token placement, tricky parameters, JSON bodies), and what the peer answers (JSON, XML, form,
/// errors) must come back as the declared types.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class OAuth2ResourceTests(AuthlibPeer peer)
{
    private static readonly string[] RepeatedA = ["1", "2"];
    private static string Status => WireParameters.Tricky[0].Value;
    private static string Text => WireParameters.Tricky[1].Value;
    private static string Chars => WireParameters.Tricky[4].Value;

    [Fact]
    public async Task Json_xml_and_form_resources_come_back_as_their_declared_types()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app, user: "bob");

        PeerUser json = await app.MeAsync(token);
        XElement xml = await app.MeXmlAsync(token);
        FormData form = await app.MeFormAsync(token);

        Assert.Equal((2, "bob", "o2-post"), (json.Id, json.Username, json.ClientId));
        Assert.Equal("user", xml.Name.LocalName);
        Assert.Equal("bob", xml.Element("username")!.Value);
        Assert.Equal("2", xml.Element("id")!.Value);
        Assert.Equal("bob", form["username"]);
        Assert.Equal("o2-post", form["client_id"]);
    }

    [Fact]
    public async Task The_untyped_flask_surface_of_a_generated_client_parses_by_content_type()
    {
        IRemoteApp app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        var json = await app.GetAsync("api/me", token: token);
        var xml = await app.GetAsync("api/me.xml", token: token);
        var form = await app.GetAsync("api/me.form", token: token);

        Assert.Equal("alice", ((JsonElement)json.Data!).GetProperty("username").GetString());
        Assert.Equal("application/xml", xml.ContentType);
        Assert.Equal("alice", ((XElement)xml.Data!).Element("username")!.Value);
        Assert.Equal("application/x-www-form-urlencoded", form.ContentType);
        Assert.Equal("alice", ((FormData)form.Data!)["username"]);
    }

    [Fact]
    public async Task Tricky_parameters_arrive_intact_with_the_token_in_the_header()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        var query = await app.EchoQueryAsync(Status, Text, RepeatedA, Chars, token);
        var form = await app.EchoFormAsync(Status, Text, RepeatedA, Chars, token);

        Assert.Equal("header", query.TokenPlacement);
        Assert.Equal(WireParameters.Tricky, query.ParamPairs());
        Assert.Equal("header", form.TokenPlacement);
        Assert.Equal(WireParameters.Tricky, form.ParamPairs());
        Assert.Equal(WireParameters.Tricky, form.FormPairs());
        Assert.Equal("alice", form.User);
    }

    [Fact]
    public async Task Tricky_parameters_arrive_intact_with_the_token_in_the_query()
    {
        // o2-public's attribute puts the token in the query (RFC 6750 §2.3).
        var app = OAuth2Apps.Public(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        var query = await app.EchoQueryAsync(Status, Text, RepeatedA, Chars, token);
        var form = await app.EchoFormAsync(Status, Text, RepeatedA, Chars, token);

        Assert.Equal("query", query.TokenPlacement);
        Assert.Equal(WireParameters.Tricky, query.ParamPairs());
        Assert.Equal("query", form.TokenPlacement);
        Assert.Equal(WireParameters.Tricky, form.ParamPairs());
        Assert.Equal("o2-public", form.ClientId);
    }

    [Fact]
    public async Task Tricky_parameters_arrive_intact_with_the_token_in_the_form_body()
    {
        var app = OAuth2Apps.Post(peer, o => o.TokenPlacement = TokenPlacement.Body);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        var form = await app.EchoFormAsync(Status, Text, RepeatedA, Chars, token);

        Assert.Equal("body", form.TokenPlacement);
        Assert.Equal(WireParameters.Tricky, form.ParamPairs());
        Assert.Equal([.. WireParameters.Tricky, new("access_token", token.AccessToken)], form.FormPairs());
    }

    [Fact]
    public async Task Json_bodies_and_headers_arrive_intact()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        var echo = await app.EchoJsonAsync(new Note { Text = "☃ 日本 '$!*()", Numbers = [1, 2] }, noteId: 42, token);

        Assert.Equal("PUT", echo.Method);
        Assert.StartsWith("application/json", echo.ContentType);
        Assert.Equal("☃ 日本 '$!*()", echo.Json!.Value.GetProperty("text").GetString());
        Assert.Equal([1, 2], echo.Json.Value.GetProperty("numbers").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal("42", echo.Headers!["X-Note-Id"]);
    }

    [Fact]
    public async Task Route_values_ValueTask_and_HEAD_methods_reach_the_peer()
    {
        var app = OAuth2Apps.Post(peer);
        var token = await OAuth2Apps.AuthorizeAsync(peer, app);

        await app.StatusAsync(204, token);
        var error = await Assert.ThrowsAsync<OAuthException>(async () => await app.StatusAsync(503, token));
        var head = await app.HeadMeAsync(token);
        var headWithoutToken = await app.HeadMeAsync(new OAuthToken("not-a-token"));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response!.Status);
        Assert.Equal(503, ((JsonElement)error.Response.Data!).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Empty(head.RawData);
        Assert.Equal(HttpStatusCode.Unauthorized, headWithoutToken.Status);
    }

    [Fact]
    public async Task An_unknown_token_is_the_peers_401_with_its_challenge()
    {
        var app = OAuth2Apps.Post(peer);

        var response = await app.MeResponseAsync(new OAuthToken("not-a-token"));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.MeAsync(new OAuthToken("not-a-token")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Null(response.Value);
        Assert.Contains("error=\"invalid_token\"", response.Headers["WWW-Authenticate"].Single());
        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Response!.Status);
        Assert.DoesNotContain("not-a-token", error.Message);
    }

    [Fact]
    public async Task A_scope_the_token_lacks_is_a_403_and_a_granted_one_opens_the_resource()
    {
        var app = OAuth2Apps.Post(peer);
        var profile = await OAuth2Apps.AuthorizeAsync(peer, app);
        var admin = await OAuth2Apps.AuthorizeAsync(peer, app, scope: "profile admin");

        var refused = await app.AdminAsync(profile);
        var allowed = await app.AdminAsync(admin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("error=\"insufficient_scope\"", refused.Headers["WWW-Authenticate"].Single());
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal("profile admin", admin.Scope);
    }
}
