using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class AuthorizeTests
{
    private const string Callback = "https://app.example.com/auth/callback?next=/a%20b&lang=zh-CN";

    [Fact]
    public async Task The_authorization_url_carries_code_client_redirect_scope_state_and_S256_challenge()
    {
        var app = new FakeProvider().App(o => o.Scope = "read write");
        var redirect = await app.AuthorizeAsync(Callback);

        Assert.StartsWith(FakeProvider.AuthorizeUrl + "?", redirect.Url.AbsoluteUri);
        var query = redirect.Url.Query();
        Assert.Equal(["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"],
            query.Select(p => p.Key));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeProvider.ClientId, query["client_id"]);
        Assert.Equal(Callback, query["redirect_uri"]);
        Assert.Equal("read write", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);

        var pending = redirect.Pending;
        Assert.Equal(app.Options.Name, pending.AppName);
        Assert.Equal(Callback, pending.RedirectUri);
        Assert.Equal(query["state"], pending.State);
        Assert.Equal(app.Options.TimeProvider.GetUtcNow(), pending.CreatedAt);
        Assert.Equal(Pkce.ComputeChallenge(pending.CodeVerifier!, CodeChallengeMethod.S256), query["code_challenge"]);
        Assert.DoesNotContain(pending.CodeVerifier!, redirect.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Generated_state_has_at_least_128_bits_and_differs_every_time()
    {
        var app = new FakeProvider().App();
        var states = new List<string>();
        for (var i = 0; i < 50; i++) states.Add((await app.AuthorizeAsync(Callback)).Pending.State!);
        Assert.All(states, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s)); // 256 bits, base64url
        Assert.Equal(50, states.Distinct().Count());
    }

    [Fact]
    public async Task State_comes_from_the_caller_then_the_configured_generator()
    {
        var generated = new FakeProvider().App(o => o.StateGenerator = () => "from-generator");
        Assert.Equal("from-generator", (await generated.AuthorizeAsync(Callback)).Pending.State);
        Assert.Equal("explicit", (await generated.AuthorizeAsync(Callback, state: "explicit")).Pending.State);
        var redirect = await generated.AuthorizeAsync(Callback, parameters: [new("state", "from-parameters")]);
        Assert.Equal("from-parameters", redirect.Pending.State);
        Assert.Single(redirect.Url.Query().GetValues("state"));
    }

    [Fact]
    public void A_constant_state_in_RequestTokenParams_is_refused_because_it_defeats_csrf_protection()
    {
        // flask-oauthlib's LinkedIn example hard-codes state='RandomString': anyone can replay it.
        var error = Assert.Throws<OAuthException>(() => new FakeProvider().App(o => o.RequestTokenParams["state"] = "RandomString"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("StateGenerator", error.Message);
    }

    [Theory]
    [InlineData("/callback")]
    [InlineData("callback")]
    [InlineData("")]
    public async Task A_relative_callback_is_refused(string callback)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => new FakeProvider().App().AuthorizeAsync(callback));
    }

    [Theory]
    [InlineData(CodeChallengeMethod.Plain, "plain")]
    [InlineData(CodeChallengeMethod.None, null)]
    public async Task Pkce_plain_and_none_by_option(CodeChallengeMethod method, string? expectedMethod)
    {
        var redirect = await new FakeProvider().App(o => o.CodeChallengeMethod = method).AuthorizeAsync(Callback);
        var query = redirect.Url.Query();
        Assert.Equal(expectedMethod, query["code_challenge_method"]);
        if (method == CodeChallengeMethod.None)
        {
            Assert.Null(redirect.Pending.CodeVerifier);
            Assert.Null(query["code_challenge"]);
        }
        else
        {
            Assert.Equal(redirect.Pending.CodeVerifier, query["code_challenge"]);
        }
    }

    [Fact]
    public async Task Call_parameters_override_configured_ones_and_scope_lists_are_space_joined()
    {
        var app = new FakeProvider().App(o =>
        {
            o.Scope = "ignored";
            o.RequestTokenParams["scope"] = "configured-scope";
            o.RequestTokenParams["prompt"] = "login";
            o.RequestTokenParams["access_type"] = "offline";
        });
        var configured = (await app.AuthorizeAsync(Callback)).Url.Query();
        Assert.Equal("configured-scope", configured["scope"]);
        Assert.Equal("login", configured["prompt"]);

        var redirect = await app.AuthorizeAsync(Callback, parameters:
            [new("prompt", "consent"), new("scope", "openid"), new("scope", "email"), new("login_hint", "a+b@example.com")]);
        var query = redirect.Url.Query();
        Assert.Equal("openid email", query["scope"]);
        Assert.Equal(["consent"], query.GetValues("prompt"));
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("a+b@example.com", query["login_hint"]);
    }

    [Theory]
    [InlineData("redirect_uri")]
    [InlineData("code_challenge")]
    [InlineData("client_id")]
    public async Task Parameters_the_flow_owns_cannot_be_overridden(string name)
    {
        var app = new FakeProvider().App();
        await Assert.ThrowsAsync<ArgumentException>(() => app.AuthorizeAsync(Callback, parameters: [new(name, "x")]));
    }

    [Fact]
    public async Task A_relative_authorize_url_is_resolved_against_the_base_url()
    {
        var app = new FakeProvider().App(o => { o.BaseUrl = "https://auth.example.com/tenant/"; o.AuthorizeUrl = "oauth/authorize?tenant=1"; });
        var redirect = await app.AuthorizeAsync(Callback);
        Assert.StartsWith("https://auth.example.com/tenant/oauth/authorize?tenant=1&response_type=code&", redirect.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Pending_authorization_survives_a_json_round_trip_and_still_completes_the_flow()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at-1","token_type":"bearer"}""");
        var app = provider.App();
        var redirect = await app.AuthorizeAsync(Callback);

        var json = redirect.Pending.ToJson();
        var restored = PendingAuthorization.FromJson(json);
        Assert.Equal(redirect.Pending, restored);
        Assert.True(json.Length < 400, json);

        var result = await provider.App(o => o.Name = app.Options.Name)
            .AuthorizedResponseAsync(new Uri($"https://app.example.com/auth/callback?code=c0de&state={Uri.EscapeDataString(restored.State!)}"), restored);
        Assert.Equal("at-1", result.Token!.AccessToken);
        Assert.Equal(Callback, provider.To(FakeProvider.TokenUrl)[0].Form()["redirect_uri"]);
    }
}
