using System;
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

    [Theory]
    [InlineData("00:00:30", 30_000)]
    [InlineData("Infinite", -1)]
    [InlineData("infinite", -1)]
    public void TokenRequestTimeout_is_read_as_a_time_span_or_Infinite(string text, int milliseconds)
    {
        var options = new RemoteAppOptions { Name = "x", AppKey = "X" };

        RemoteAppConfiguration.Bind(options, Config.From(("X_TOKEN_REQUEST_TIMEOUT", text)));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.TokenRequestTimeout);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("soon")]
    public void A_TokenRequestTimeout_that_is_not_positive_or_Infinite_is_refused(string text)
    {
        var options = new RemoteAppOptions { Name = "x", AppKey = "X" };

        var error = Assert.Throws<OAuthException>(() => RemoteAppConfiguration.Bind(options, Config.From(("X:TokenRequestTimeout", text))));

        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
    }

    [Fact]
    public void Without_an_AppKey_nothing_is_read()
    {
        var options = new RemoteAppOptions { Name = "x" };

        RemoteAppConfiguration.Bind(options, Config.From(("X_CONSUMER_KEY", "k"), (":ConsumerKey", "k")));

        Assert.Null(options.ConsumerKey);
    }
}
