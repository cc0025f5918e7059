using System;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth1;

namespace OAuthGen.Runtime.Tests;

public class OptionsValidationTests
{
    private static RemoteAppOptions Twitter() => new()
    {
        Name = "twitter",
        RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
        AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
        AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
        ConsumerKey = "ck",
        ConsumerSecret = "consumer-secret",
    };

    private static OAuthException Invalid(RemoteAppOptions options)
    {
        var error = Assert.Throws<OAuthException>(() => new RemoteApp(new HttpClient(), options));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        return error;
    }

    [Fact]
    public void A_valid_oauth1_app_is_created() => Assert.True(new RemoteApp(new HttpClient(), Twitter()).Options.IsOAuth1);

    [Fact]
    public void Missing_consumer_key_and_secret_are_reported_together()
    {
        var options = Twitter();
        options.ConsumerKey = null;
        options.ConsumerSecret = "";
        var error = Invalid(options);
        Assert.Contains("ConsumerKey is required", error.Message);
        Assert.Contains("ConsumerSecret is required", error.Message);
    }

    [Fact]
    public async Task With_an_AppKey_missing_credentials_fail_when_needed_naming_the_configuration_keys()
    {
        var options = Twitter();
        options.ConsumerKey = null;
        options.ConsumerSecret = null;
        options.AppKey = "Twitter";
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(handler), options);
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("https://api.twitter.com/1.1/x.json", token: "t"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("Twitter:ConsumerKey", error.Message);
        Assert.Contains("TWITTER_CONSUMER_KEY", error.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Rsa_methods_need_a_private_key_and_not_a_consumer_secret()
    {
        var options = Twitter();
        options.SignatureMethod = SignatureMethod.RsaSha256;
        options.ConsumerSecret = null;
        Assert.Contains("needs RsaKey", Invalid(options).Message);

        options.RsaKey = TestKeys.RsaPublicKey;
        var error = Invalid(options);
        Assert.Contains("RsaKey is not a PEM RSA private key", error.Message);
        Assert.DoesNotContain("MIGJAoGBAOTX9vHJ", error.ToString());

        options.RsaKey = TestKeys.RsaPrivateKey;
        Assert.NotNull(new RemoteApp(new HttpClient(), options));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://api.twitter.com/oauth/request_token")]
    [InlineData("/oauth/request_token")] // relative without a BaseUrl
    public void Bad_urls_are_rejected(string url)
    {
        var options = Twitter();
        options.RequestTokenUrl = url;
        Assert.Contains("RequestTokenUrl", Invalid(options).Message);
    }

    [Fact]
    public void Plain_http_is_refused_except_for_loopback_or_when_allowed()
    {
        var options = Twitter();
        options.AccessTokenUrl = "http://api.twitter.com/oauth/access_token";
        Assert.Contains("http://", Invalid(options).Message);

        options.AccessTokenUrl = "http://127.0.0.1:8080/oauth/access_token";
        Assert.NotNull(new RemoteApp(new HttpClient(), options));
        options.AccessTokenUrl = "http://localhost/oauth/access_token";
        Assert.NotNull(new RemoteApp(new HttpClient(), options));

        options.AccessTokenUrl = "http://api.twitter.com/oauth/access_token";
        options.AllowInsecureHttp = true;
        Assert.NotNull(new RemoteApp(new HttpClient(), options));
    }

    [Fact]
    public async Task Resource_requests_over_plain_http_are_refused_before_signing()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{}"));
        var app = new RemoteApp(new HttpClient(handler), Twitter());
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("http://api.twitter.com/1.1/x.json", token: "t"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Oauth1_needs_access_token_and_authorize_urls()
    {
        var options = Twitter();
        options.AccessTokenUrl = null;
        options.AuthorizeUrl = null;
        var error = Invalid(options);
        Assert.Contains("AccessTokenUrl", error.Message);
        Assert.Contains("AuthorizeUrl", error.Message);
    }

    [Fact]
    public void Body_signatures_need_post_token_calls()
    {
        var options = Twitter();
        options.SignatureType = SignatureType.Body;
        Assert.NotNull(new RemoteApp(new HttpClient(), options)); // both token calls are POSTs by default
        options.RequestTokenMethod = HttpMethod.Get;
        Assert.Contains("SignatureType.Body", Invalid(options).Message);
        options.RequestTokenMethod = HttpMethod.Post;
        options.AccessTokenMethod = HttpMethod.Get;
        Assert.Contains("SignatureType.Body", Invalid(options).Message);
    }

    [Fact]
    public void Options_are_copied_so_later_changes_do_not_reach_the_app()
    {
        var options = Twitter();
        options.RequestTokenParams["realm"] = "Before";
        var app = new RemoteApp(new HttpClient(), options);
        options.ConsumerKey = "changed";
        options.RequestTokenParams["realm"] = "After";
        Assert.Equal("ck", app.Options.ConsumerKey);
        Assert.Equal("Before", app.Options.RequestTokenParams["realm"]);
    }
}

public class OAuth2EndpointRequirementTests
{
    [Fact]
    public async Task An_OAuth2_app_without_endpoints_calls_apis_but_a_flow_names_the_missing_endpoint()
    {
        var handler = new StubHandler(_ => StubHandler.Respond("{\"login\":\"octocat\"}"));
        var app = new RemoteApp(new System.Net.Http.HttpClient(handler), new RemoteAppOptions
        {
            Name = "github", BaseUrl = "https://api.github.com/", ConsumerKey = "id", ConsumerSecret = "secret", AppKey = "GitHub",
        });

        var response = await app.GetAsync("user", token: "pat");
        Assert.True(response.IsSuccessStatusCode);

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://app.example/callback"));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("AuthorizeUrl", error.Message);
        Assert.Contains("GITHUB_AUTHORIZE_URL", error.Message);
    }
}
