using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// Starts the demo provider in this process on 127.0.0.1, then runs OAuth 1.0a and OAuth 2.0 logins and API calls
/// through generated clients, printing a short transcript. Exit code 0 when every step worked, 1 otherwise.
/// </summary>
public static class Program
{
    /// <summary>
    /// The app's callback URL. Nothing listens there: the quickstart reads the provider's redirect instead of following it,
    /// as a browser would. Loopback redirect URIs match on any port (RFC 8252 §7.3).
    /// </summary>
    internal const string Callback = DemoCredentials.DefaultRedirectUri;

    public static async Task<int> Main()
    {
        var transcript = new Transcript(Console.Out);
        transcript.Title("OAuthGen quickstart: generated OAuth clients against an embedded demo provider (offline)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var clock = new DemoClock();
            await using var provider = await DemoProviderHost.StartAsync(new DemoProviderOptions { TimeProvider = clock }, timeout.Token);
            transcript.Line($"Demo provider listening on {provider.BaseUrl}");
            var configuration = Configure(provider);
            using var http = new HttpClient();
            using var user = new ResourceOwner();

            await OAuth1Walkthrough.RunAsync(configuration, http, clock, user, transcript, timeout.Token);
            await OAuth2Walkthrough.RunAsync(configuration, clock, user, transcript, timeout.Token);

            transcript.Heading("All steps passed.");
            return 0;
        }
        catch (Exception failure)
        {
            // OAuthException messages never contain secrets or tokens, so they are safe to print; so are the quickstart's own.
            var reason = failure switch
            {
                QuickstartFailure => failure.Message,
                OAuthException oauth => $"{oauth.Message} (OAuthException, type {oauth.Type})",
                OperationCanceledException when timeout.IsCancellationRequested => "a step took longer than a minute.",
                _ => $"{failure.GetType().Name}: {failure.Message}",
            };
            Console.Error.WriteLine();
            Console.Error.WriteLine($"Quickstart FAILED: {reason}");
            return 1;
        }
    }

    /// <summary>
    /// What an app keeps in appsettings.json or the environment, here pointing at the provider just started. Both
    /// flask-oauthlib key styles work: nested (<c>DemoOAuth1:ConsumerKey</c>) and flat (<c>DEMOOAUTH2_CONSUMER_KEY</c>).
    /// </summary>
    private static IConfiguration Configure(DemoProviderHost provider) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DemoOAuth1:BaseUrl"] = provider.BaseUrl.AbsoluteUri,
            ["DemoOAuth1:RequestTokenUrl"] = provider.OAuth1RequestTokenUrl.AbsoluteUri,
            ["DemoOAuth1:AuthorizeUrl"] = provider.OAuth1AuthorizeUrl.AbsoluteUri,
            ["DemoOAuth1:AccessTokenUrl"] = provider.OAuth1AccessTokenUrl.AbsoluteUri,
            ["DemoOAuth1:ConsumerKey"] = DemoCredentials.OAuth1ConsumerKey,
            ["DemoOAuth1:ConsumerSecret"] = DemoCredentials.OAuth1ConsumerSecret,
            ["DEMOOAUTH2_BASE_URL"] = provider.BaseUrl.AbsoluteUri,
            ["DEMOOAUTH2_AUTHORIZE_URL"] = provider.OAuth2AuthorizeUrl.AbsoluteUri,
            ["DEMOOAUTH2_ACCESS_TOKEN_URL"] = provider.OAuth2TokenUrl.AbsoluteUri,
            ["DEMOOAUTH2_CONSUMER_KEY"] = DemoCredentials.OAuth2ClientId,
            ["DEMOOAUTH2_CONSUMER_SECRET"] = DemoCredentials.OAuth2ClientSecret,
        })
        .Build();
}
