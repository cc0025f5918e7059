using System.Net;
using System.Threading.Tasks;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Tests;

public class DemoProviderHostTests
{
    [Fact]
    public async Task Each_provider_listens_on_loopback_on_its_own_free_port_and_stops_when_disposed()
    {
        using var http = RfcClient.CreateHttpClient();
        var first = await DemoProviderHost.StartAsync();
        await using (var second = await DemoProviderHost.StartAsync())
        {
            Assert.Equal("127.0.0.1", first.BaseUrl.Host);
            Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
            using var metadata = await http.GetAsync(second.MetadataUrl);
            Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        }

        var stoppedUrl = first.MetadataUrl;
        await first.DisposeAsync();
        await Assert.ThrowsAnyAsync<System.Net.Http.HttpRequestException>(() => http.GetAsync(stoppedUrl));
    }
}
