// The DESIGN.md example, consumed from the package: it must generate, compile warning-free and run.
using System.Net;
using System.Text;
using OAuthGen;

var handler = new RecordingHandler();
var github = IGitHub.Create(new HttpClient(handler), IGitHub.CreateOptions() is var options
    ? Configure(options)
    : throw new InvalidOperationException());

var user = await github.GetUserAsync();
Check(user.Login == "octocat", $"login was '{user.Login}'");
Check(handler.LastUri == "https://api.github.com/user", $"uri was '{handler.LastUri}'");
Check(handler.LastAuthorization == "Bearer gho_smoke", "the bearer token was not sent");
Console.WriteLine("package smoke: generated client from the OAuthGen package works");
return 0;

static RemoteAppOptions Configure(RemoteAppOptions options)
{
    options.ConsumerKey = "id";
    options.ConsumerSecret = "secret";
    options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("gho_smoke");
    return options;
}

static void Check(bool condition, string failure)
{
    if (!condition) throw new InvalidOperationException("package smoke failed: " + failure);
}

public sealed record User(string Login);

[RemoteApp("github", BaseUrl = "https://api.github.com/", RequestTokenUrl = null,
    AccessTokenUrl = "https://github.com/login/oauth/access_token",
    AuthorizeUrl = "https://github.com/login/oauth/authorize", AppKey = "GitHub")]
public partial interface IGitHub
{
    [Get("user")] Task<User> GetUserAsync(CancellationToken cancellationToken = default);
}

sealed class RecordingHandler : HttpMessageHandler
{
    public string? LastUri { get; private set; }
    public string? LastAuthorization { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastUri = request.RequestUri?.AbsoluteUri;
        LastAuthorization = request.Headers.Authorization?.ToString();
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"login":"octocat"}""", Encoding.UTF8, "application/json"),
        };
        return Task.FromResult(response);
    }
}
