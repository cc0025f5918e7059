using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OAuthGen.AspNetCore;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.WebApp;

/// <summary>The web app and the demo provider it signs users in with, both in this process.</summary>
public sealed class DemoSite : IAsyncDisposable
{
    private DemoSite(WebApplication app, DemoProviderHost provider)
    {
        App = app;
        Provider = provider;
    }

    /// <summary>The site (not started).</summary>
    public WebApplication App { get; }

    /// <summary>The running demo provider.</summary>
    public DemoProviderHost Provider { get; }

    /// <summary>Starts the demo provider and builds the site; <paramref name="args"/> are the usual host arguments (<c>--urls</c>...).</summary>
    /// <param name="args">Host arguments.</param>
    /// <param name="providerOptions">The demo provider's settings (tests pass a clock they move).</param>
    /// <param name="configure">Last changes to the site's builder, after the sample's own registrations (tests add a clock or a log sink).</param>
    public static async Task<DemoSite> CreateAsync(string[] args, DemoProviderOptions? providerOptions = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        providerOptions ??= new DemoProviderOptions();
        // OAuth 2.0 redirect URIs are matched exactly; on 127.0.0.1 any port is accepted (RFC 8252 §7.3).
        providerOptions.RedirectUris.Add("http://127.0.0.1/signin-demo-oauth2");
        var provider = await DemoProviderHost.StartAsync(providerOptions);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = args,
                ApplicationName = typeof(DemoSite).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(ClientSettings(provider));

            // The whole sign-in: a cookie for the signed-in user, and one scheme per generated client.
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.Cookie.Name = ".OAuthGen.WebApp";
                    options.LoginPath = "/";
                })
                .AddRemoteApp<IDemoOAuth1>(configure: options => options.MapUser(
                    (IDemoOAuth1 api, System.Threading.CancellationToken ct) => api.GetMeAsync(ct), Pages.UserClaims))
                .AddRemoteApp<IDemoOAuth2>(configure: options => options.MapUser(
                    (IDemoOAuth2 api, System.Threading.CancellationToken ct) => api.GetMeAsync(ct), Pages.UserClaims));
            builder.Services.AddAuthorization();
            builder.Services.ConfigureAll<RemoteAppAuthenticationOptions>(options =>
            {
                options.AccessDeniedPath = "/denied";
                options.FailurePath = "/failed";
            });
            configure?.Invoke(builder);

            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapPages();
            app.Lifetime.ApplicationStarted.Register(() => AllowLocalhostCallbacks(app, provider));
            return new DemoSite(app, provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the site and the provider.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>
    /// A real provider lists every callback URL the site is reached at; here the demo provider learns the site's
    /// <c>localhost</c> callback once the port is known (127.0.0.1 is accepted on any port already).
    /// </summary>
    private static void AllowLocalhostCallbacks(WebApplication app, DemoProviderHost provider)
    {
        foreach (var url in app.Urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var address))
            {
                provider.AddRedirectUri($"http://localhost:{address.Port}/signin-demo-oauth2");
            }
        }
    }

    /// <summary>
    /// The clients' settings under their AppKeys, as appsettings.json or environment variables would hold them for a real
    /// provider; here they point at the provider just started. The credentials are the demo provider's public demo values.
    /// </summary>
    private static Dictionary<string, string?> ClientSettings(DemoProviderHost provider) => new()
    {
        ["DemoOAuth1:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
        ["DemoOAuth1:RequestTokenUrl"] = provider.OAuth1RequestTokenUrl.AbsoluteUri,
        ["DemoOAuth1:AuthorizeUrl"] = provider.OAuth1AuthorizeUrl.AbsoluteUri,
        ["DemoOAuth1:AccessTokenUrl"] = provider.OAuth1AccessTokenUrl.AbsoluteUri,
        ["DemoOAuth1:ConsumerKey"] = DemoCredentials.OAuth1ConsumerKey,
        ["DemoOAuth1:ConsumerSecret"] = DemoCredentials.OAuth1ConsumerSecret,
        ["DemoOAuth2:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
        ["DemoOAuth2:AuthorizeUrl"] = provider.OAuth2AuthorizeUrl.AbsoluteUri,
        ["DemoOAuth2:AccessTokenUrl"] = provider.OAuth2TokenUrl.AbsoluteUri,
        ["DemoOAuth2:RevocationUrl"] = provider.OAuth2RevocationUrl.AbsoluteUri,
        ["DemoOAuth2:ConsumerKey"] = DemoCredentials.OAuth2ClientId,
        ["DemoOAuth2:ConsumerSecret"] = DemoCredentials.OAuth2ClientSecret,
    };
}
