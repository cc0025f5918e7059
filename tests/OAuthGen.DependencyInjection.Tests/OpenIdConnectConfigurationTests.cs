namespace OAuthGen.DependencyInjection.Tests;

/// <summary>The OpenID Connect endpoints come from configuration like every other URL (so OAG031 is not reported with AppKey).</summary>
public class OpenIdConnectConfigurationTests
{
    [Fact]
    public void Jwks_userinfo_and_end_session_urls_are_read_from_nested_and_flat_keys()
    {
        var options = new RemoteAppOptions { Name = "accounts", AppKey = "Accounts", UserInfoUrl = "https://code.example.com/userinfo" };

        RemoteAppConfiguration.Bind(options, Config.From(("Accounts:JwksUrl", "https://op.example.com/jwks"),
            ("ACCOUNTS_USER_INFO_URL", "https://op.example.com/userinfo"), ("ACCOUNTS_END_SESSION_URL", "https://op.example.com/logout")));

        Assert.Equal("https://op.example.com/jwks", options.JwksUrl);
        Assert.Equal("https://code.example.com/userinfo", options.UserInfoUrl);
        Assert.Equal("https://op.example.com/logout", options.EndSessionUrl);
    }
}
