using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// A generated client as an application gets it: <c>services.AddRemoteApp&lt;T&gt;()</c>, IHttpClientFactory, options from
/// configuration, against the live peer.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class DependencyInjectionTests(AuthlibPeer peer)
{
    [Fact]
    public async Task A_client_configured_only_through_configuration_completes_the_OAuth1_flow()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nested keys for the endpoints, flask-style flat keys for the credentials: both are read.
            ["PeerTwitter:BaseUrl"] = peer.Url("/oauth1/"),
            ["PeerTwitter:RequestTokenUrl"] = "request_token",
            ["PeerTwitter:AccessTokenUrl"] = "access_token",
            ["PeerTwitter:AuthorizeUrl"] = "authorize",
            ["PEERTWITTER_CONSUMER_KEY"] = "o1-client",
            ["PEERTWITTER_CONSUMER_SECRET"] = PeerSecrets.Tricky,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRemoteApp<IPeerOAuth1Configured>();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IPeerOAuth1Configured>();
        var redirect = await client.AuthorizeAsync("http://127.0.0.1:9/callback");
        var callback = await peer.ConsentAsync(redirect.Url.AbsoluteUri, user: "bob");
        var token = (await client.AuthorizedResponseAsync(callback, redirect.Pending)).Token!;
        var me = await client.MeAsync(token);

        Assert.Equal("peer-oauth1-configured", client.Options.Name);
        Assert.Equal("bob", me.ScreenName);
        Assert.Equal("bob", token.Extra["screen_name"]);
    }
}
