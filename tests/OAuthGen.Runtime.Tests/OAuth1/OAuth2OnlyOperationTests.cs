using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>
/// OAuth 2.0 operations called on an OAuth 1.0a app fail as the exception rule says: a typed OAuthException naming the
/// operation, before anything is sent, never a NotSupportedException.
/// </summary>
public class OAuth2OnlyOperationTests
{
    private static RemoteApp Twitter(StubHandler handler) => new(new HttpClient(handler), new RemoteAppOptions
    {
        Name = "twitter",
        RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
        AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
        AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
        ConsumerKey = "ck",
        ConsumerSecret = "consumer-secret",
    });

    public static TheoryData<string> Operations => new()
    {
        nameof(IRemoteApp.ClientCredentialsAsync), nameof(IRemoteApp.RefreshAsync), nameof(IRemoteApp.RevokeAsync),
        nameof(IRemoteApp.StartDeviceAuthorizationAsync), nameof(IRemoteApp.UserInfoAsync), nameof(IRemoteApp.EndSessionUrlAsync),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Fails_typed_and_sends_nothing(string operation)
    {
        var handler = new StubHandler(_ => throw new InvalidOperationException("nothing may be sent"));
        var app = Twitter(handler);
        var token = new OAuthToken("at") { RefreshToken = "rt" };
        Func<Task> call = operation switch
        {
            nameof(IRemoteApp.ClientCredentialsAsync) => () => app.ClientCredentialsAsync(),
            nameof(IRemoteApp.RefreshAsync) => () => app.RefreshAsync(token),
            nameof(IRemoteApp.RevokeAsync) => () => app.RevokeAsync(token),
            nameof(IRemoteApp.StartDeviceAuthorizationAsync) => () => app.StartDeviceAuthorizationAsync(),
            nameof(IRemoteApp.UserInfoAsync) => () => app.UserInfoAsync(token, "subject"),
            _ => () => app.EndSessionUrlAsync(),
        };

        var error = await Assert.ThrowsAsync<OAuthException>(call);

        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("OAuth 1.0a", error.Message);
    }
}
