using System;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Testing;

namespace OAuthGen.Samples.DemoProvider;

/// <summary>
/// The samples' OAuth provider: an <see cref="OAuthGen.Testing.TestProvider"/> on 127.0.0.1 and a free port with the fixed
/// demo registrations of <see cref="DemoCredentials"/> (one OAuth 1.0a consumer, a confidential and a public OAuth 2.0
/// client, one signed-in user). Dispose it to stop it.
/// </summary>
/// <example>
/// <code>
/// await using var provider = await DemoProviderHost.StartAsync();
/// var redirect = await app.AuthorizeAsync(DemoCredentials.DefaultRedirectUri);
/// var approved = DemoProviderHost.Approve(redirect.Url); // GET it without following redirects: Location is the callback
/// </code>
/// </example>
public sealed class DemoProviderHost : IAsyncDisposable
{
    /// <summary>The query parameter that decides on the authorize endpoints without a browser.</summary>
    public const string DecisionParameter = TestProvider.DecisionParameter;

    private readonly OAuth2Client[] _clients;

    private DemoProviderHost(TestProvider provider, OAuth2Client[] clients) => (Provider, _clients) = (provider, clients);

    /// <summary>The test provider underneath, for what the demo surface does not show (faults, inspection, time).</summary>
    public TestProvider Provider { get; }

    /// <summary>The provider's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl => Provider.BaseUrl;

    /// <summary>OAuth 1.0a temporary-credentials endpoint.</summary>
    public Uri OAuth1RequestTokenUrl => Provider.OAuth1RequestTokenUrl;

    /// <summary>OAuth 1.0a resource-owner authorization endpoint.</summary>
    public Uri OAuth1AuthorizeUrl => Provider.OAuth1AuthorizeUrl;

    /// <summary>OAuth 1.0a token-credentials endpoint.</summary>
    public Uri OAuth1AccessTokenUrl => Provider.OAuth1AccessTokenUrl;

    /// <summary>OAuth 2.0 authorization endpoint.</summary>
    public Uri OAuth2AuthorizeUrl => Provider.OAuth2AuthorizeUrl;

    /// <summary>OAuth 2.0 token endpoint.</summary>
    public Uri OAuth2TokenUrl => Provider.OAuth2TokenUrl;

    /// <summary>RFC 7009 revocation endpoint.</summary>
    public Uri OAuth2RevocationUrl => Provider.OAuth2RevocationUrl;

    /// <summary>RFC 8414 authorization server metadata.</summary>
    public Uri MetadataUrl => Provider.MetadataUrl;

    /// <summary>The API's base URL: <c>me</c> and <c>echo</c> live under it.</summary>
    public Uri ApiBaseUrl => Provider.ApiBaseUrl;

    /// <summary>Starts a provider on 127.0.0.1 with a port the OS picks.</summary>
    public static async Task<DemoProviderHost> StartAsync(DemoProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DemoProviderOptions();
        var provider = await TestProvider.StartAsync(new TestProviderOptions
        {
            TimeProvider = options.TimeProvider,
            AccessTokenLifetime = options.AccessTokenLifetime,
            GrantLifetime = options.GrantLifetime,
            TimestampTolerance = options.TimestampTolerance,
            ConfigureLogging = options.ConfigureLogging,
        }, cancellationToken).ConfigureAwait(false);
        var user = DemoCredentials.User;
        provider.SignedInUser = provider.AddUser(user.Login, user.Name, user.Email, user.Id);
        provider.AddOAuth1Consumer(SignatureMethod.HmacSha1, DemoCredentials.OAuth1ConsumerKey, DemoCredentials.OAuth1ConsumerSecret);
        var confidential = provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost, DemoCredentials.OAuth2ClientId,
            DemoCredentials.OAuth2ClientSecret, options.RedirectUris, alsoAccepted: [ClientAuthMethod.ClientSecretBasic]);
        var @public = provider.AddOAuth2Client(ClientAuthMethod.None, DemoCredentials.OAuth2PublicClientId, redirectUris: options.RedirectUris);
        return new DemoProviderHost(provider, [confidential, @public]);
    }

    /// <summary>Registers one more redirect URI for both demo OAuth 2.0 clients (a site's <c>localhost</c> callback, known
    /// once the site has its port).</summary>
    public void AddRedirectUri(string redirectUri)
    {
        foreach (var client in _clients) Provider.AddRedirectUri(client, redirectUri);
    }

    /// <summary>An authorize URL that approves at once when fetched (for programs without a browser).</summary>
    public static Uri Approve(Uri authorizeUrl) => TestProvider.Approve(authorizeUrl);

    /// <summary>An authorize URL that denies at once when fetched.</summary>
    public static Uri Deny(Uri authorizeUrl) => TestProvider.Deny(authorizeUrl);

    /// <summary>Stops the provider.</summary>
    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
