using System.Threading.Tasks;

namespace OAuthGen.Consumer.Tests;

// OAuthGen's warnings are ordinary compiler warnings: #pragma works on them (this project treats warnings as errors,
// so it would not build if OAG018 got through).
#pragma warning disable OAG018 // a throwaway secret for a local test server
[RemoteApp("local",
    BaseUrl = "http://127.0.0.1:8080/",
    AccessTokenUrl = "http://127.0.0.1:8080/token",
    ConsumerKey = "local-client",
    ConsumerSecret = "local-secret")]
#pragma warning restore OAG018
public partial interface ILocal
{
    [Get("ping")]
    Task<string> PingAsync();
}
