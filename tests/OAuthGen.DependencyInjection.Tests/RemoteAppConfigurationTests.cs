using System.Net.Http;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>Lazy configuration without a container: a console app with a ConfigurationBuilder.</summary>
public class RemoteAppConfigurationTests
{
    [Fact]
    public void Bind_fills_unset_options_from_configuration_and_leaves_code_values_alone()
    {
        var options = new RemoteAppOptions { Name = "weibo", AppKey = "Weibo", ContentType = "application/json" };
        var configuration = Config.From(("WEIBO_CONSUMER_KEY", "909122383"), ("Weibo:ConsumerSecret", "s3cret"),
            ("WEIBO_CONTENT_TYPE", "text/plain"), ("Weibo:TokenType", "OAuth2"), ("Weibo:AccessTokenParams:grant_type", "authorization_code"),
            ("WEIBO_ACCESS_TOKEN_HEADERS", "X-Client=sample"));

        RemoteAppConfiguration.Bind(options, configuration);

        Assert.Equal("909122383", options.ConsumerKey);
        Assert.Equal("s3cret", options.ConsumerSecret);
        Assert.Equal("application/json", options.ContentType);
        Assert.Equal("OAuth2", options.TokenType);
        Assert.Equal("authorization_code", options.AccessTokenParams["grant_type"]);
        Assert.Equal("sample", options.AccessTokenHeaders["X-Client"]);
        _ = new RemoteApp(new HttpClient(), options); // the result is a valid app
    }

    [Fact]
    public void Without_an_AppKey_nothing_is_read()
    {
        var options = new RemoteAppOptions { Name = "x" };

        RemoteAppConfiguration.Bind(options, Config.From(("X_CONSUMER_KEY", "k"), (":ConsumerKey", "k")));

        Assert.Null(options.ConsumerKey);
    }
}
