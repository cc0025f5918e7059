using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen.Testing.Tests;

/// <summary>The provider's configuration values drive a client registered the ASP.NET Core way.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Configuration_values_bind_a_client_registered_with_AddRemoteApp()
    {
        await using var provider = await TestProvider.StartAsync();
        var registration = provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(provider.ConfigurationFor("KitOAuth2", registration)).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddRemoteApp<IKitOAuth2>();
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IKitOAuth2>();

        var redirect = await client.AuthorizeAsync(TestProvider.DefaultRedirectUri);
        var result = await client.AuthorizedResponseAsync(await provider.ApproveAsync(redirect.Url), redirect.Pending);

        Assert.NotNull(result.Token);
        Assert.Equal(registration.ClientId, client.Options.ConsumerKey);
        provider.AssertReceived(new RequestExpectation
        {
            Endpoint = TestEndpoint.OAuth2Token, ClientAuthentication = ClientAuthMethod.ClientSecretBasic, Success = true,
        });
    }
}
