namespace OAuthGen.DependencyInjection.Tests;

/// <summary>The PAR and DPoP options come from configuration like every other option (nested and flat keys).</summary>
public class PushedAuthorizationAndDPoPConfigurationTests
{
    [Fact]
    public void Bind_reads_the_push_endpoint_the_push_mode_and_DPoP()
    {
        var options = new RemoteAppOptions { Name = "bank", AppKey = "Bank" };

        RemoteAppConfiguration.Bind(options, Config.From(("Bank:PushedAuthorizationRequestUrl", "https://auth.bank.example/par"),
            ("BANK_PUSHED_AUTHORIZATION", "require"), ("Bank:UseDPoP", "true")));

        Assert.Equal("https://auth.bank.example/par", options.PushedAuthorizationRequestUrl);
        Assert.Equal(PushedAuthorization.Require, options.PushedAuthorization);
        Assert.True(options.UseDPoP);
    }
}
