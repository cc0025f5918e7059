using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests;

/// <summary>Validated options cannot be changed under a live client, and the caller's objects are not changed by it.</summary>
public class FrozenOptionsTests
{
    [Fact]
    public async Task Changing_the_returned_options_does_not_change_a_live_client()
    {
        var provider = new FakeProvider();
        var app = provider.App();
        app.Options.AllowInsecureHttp = true;
        app.Options.AccessTokenParams["audience"] = "other";
        Assert.False(app.Options.AllowInsecureHttp);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("http://api.example.com/x", token: new OAuthToken("at")));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Empty(provider.Requests);
        Assert.False(app.Options.AccessTokenParams.ContainsKey("audience"));
    }

    [Fact]
    public async Task Changing_the_options_passed_in_does_not_change_a_live_client()
    {
        var provider = new FakeProvider();
        var options = FakeProvider.Options();
        var app = new RemoteApp(provider.Client(), options);
        options.AllowInsecureHttp = true;
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("http://api.example.com/x", token: new OAuthToken("at")));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
    }

    [Fact]
    public async Task The_callers_serializer_options_are_not_frozen()
    {
        var json = new JsonSerializerOptions { TypeInfoResolver = FrozenOptionsJson.Default };
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "items", _ => StubHandler.Respond("{}"));
        var app = provider.App(o => o.JsonSerializerOptions = json);
        await app.PostAsync("items", new Item("x"), format: BodyFormat.Json, token: new OAuthToken("at"));
        Assert.False(json.IsReadOnly);
        json.WriteIndented = true; // still the caller's to change
    }

    [Fact]
    public async Task A_content_header_on_a_get_does_not_break_body_token_placement()
    {
        var provider = new FakeProvider().On(FakeProvider.ApiUrl + "me", _ => StubHandler.Respond("{}"));
        var app = provider.App(o => o.TokenPlacement = TokenPlacement.Body);
        await app.GetAsync("me", headers: new System.Collections.Generic.Dictionary<string, string> { ["Content-Language"] = "en" },
            token: new OAuthToken("at"));
        var request = Assert.Single(provider.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("at", request.Uri.Query()["access_token"]);
    }
}

public sealed record Item(string Name);

[JsonSerializable(typeof(Item))]
internal sealed partial class FrozenOptionsJson : JsonSerializerContext;
