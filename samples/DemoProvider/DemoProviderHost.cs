using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthGen.Samples.DemoProvider.Api;
using OAuthGen.Samples.DemoProvider.OAuth1;
using OAuthGen.Samples.DemoProvider.OAuth2;

namespace OAuthGen.Samples.DemoProvider;

/// <summary>
/// A running demo OAuth provider on 127.0.0.1 and a free port: OAuth 1.0a (HMAC-SHA1) and OAuth 2.0 (code + PKCE S256,
/// refresh with rotation, revocation, metadata) in front of a tiny API. It really verifies what it receives, with its own
/// implementation of the RFCs, so the samples prove the client works. Dispose it to stop it.
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
    public const string DecisionParameter = "decision";

    private readonly WebApplication _app;

    private DemoProviderHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The provider's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>OAuth 1.0a temporary-credentials endpoint.</summary>
    public Uri OAuth1RequestTokenUrl => Url(OAuth1Endpoints.RequestTokenPath);

    /// <summary>OAuth 1.0a resource-owner authorization endpoint.</summary>
    public Uri OAuth1AuthorizeUrl => Url(OAuth1Endpoints.AuthorizePath);

    /// <summary>OAuth 1.0a token-credentials endpoint.</summary>
    public Uri OAuth1AccessTokenUrl => Url(OAuth1Endpoints.AccessTokenPath);

    /// <summary>OAuth 2.0 authorization endpoint.</summary>
    public Uri OAuth2AuthorizeUrl => Url(OAuth2Endpoints.AuthorizePath);

    /// <summary>OAuth 2.0 token endpoint.</summary>
    public Uri OAuth2TokenUrl => Url(OAuth2Endpoints.TokenPath);

    /// <summary>RFC 7009 revocation endpoint.</summary>
    public Uri OAuth2RevocationUrl => Url(OAuth2Endpoints.RevocationPath);

    /// <summary>RFC 8414 authorization server metadata.</summary>
    public Uri MetadataUrl => Url(OAuth2Endpoints.MetadataPath);

    /// <summary>The API's base URL: <c>me</c> and <c>echo</c> live under it.</summary>
    public Uri ApiBaseUrl => Url("/api/");

    /// <summary>Starts a provider on 127.0.0.1 with a port the OS picks.</summary>
    public static async Task<DemoProviderHost> StartAsync(DemoProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DemoProviderOptions();
        // The empty builder reads no appsettings.json, environment variables or ASPNETCORE_URLS: embedded in a sample web
        // app, the provider must not pick up that app's Kestrel endpoints or settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DemoProviderHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));
        // Loopback only, port 0: never reachable from outside, never clashing with anything else running.
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        var state = new DemoState(options);
        OAuth1Endpoints.Map(app, state, options);
        OAuth2Endpoints.Map(app, state, options);
        ApiEndpoints.Map(app, state, options);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DemoProviderHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>An authorize URL that approves at once when fetched (for programs without a browser).</summary>
    public static Uri Approve(Uri authorizeUrl) => WithDecision(authorizeUrl, "approve");

    /// <summary>An authorize URL that denies at once when fetched.</summary>
    public static Uri Deny(Uri authorizeUrl) => WithDecision(authorizeUrl, "deny");

    /// <summary>Stops the provider.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    private static Uri WithDecision(Uri authorizeUrl, string decision) =>
        new(FormEncoding.AppendQuery(authorizeUrl.AbsoluteUri, [new(DecisionParameter, decision)]));
}
