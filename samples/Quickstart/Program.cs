using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using OAuthGen.Testing;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// Starts OAuthGen.Testing's provider in this process on 127.0.0.1, then runs OAuth 1.0a and OAuth 2.0 logins and API
/// calls through generated clients, printing a short transcript. Exit code 0 when every step worked, 1 otherwise.
/// </summary>
public static class Program
{
    /// <summary>
    /// The app's callback URL. Nothing listens there: the quickstart reads the provider's redirect instead of following it,
    /// as a browser would. Loopback redirect URIs match on any port (RFC 8252 §7.3).
    /// </summary>
    internal const string Callback = TestProvider.DefaultRedirectUri;

    /// <summary>The OAuth 1.0a consumer registered at the provider. Demo values: never reuse them anywhere real.</summary>
    internal const string OAuth1ConsumerKey = "quickstart-oauth1";

    /// <summary>Its secret.</summary>
    internal const string OAuth1ConsumerSecret = "quickstart-oauth1-secret";

    /// <summary>The confidential OAuth 2.0 client registered at the provider.</summary>
    internal const string OAuth2ClientId = "quickstart-oauth2";

    /// <summary>Its secret.</summary>
    internal const string OAuth2ClientSecret = "quickstart-oauth2-secret";

    public static async Task<int> Main()
    {
        var transcript = new Transcript(Console.Out);
        transcript.Title("OAuthGen quickstart: generated OAuth clients against an in-process test provider (offline)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var clock = new DemoClock();
            // Access tokens live two minutes, so the walkthrough can show one expiring on the shared clock.
            await using var provider = await TestProvider.StartAsync(
                new TestProviderOptions { TimeProvider = clock, AccessTokenLifetime = TimeSpan.FromMinutes(2) }, timeout.Token);
            provider.SignedInUser = provider.AddUser("demo", "Demo User", "demo@example.test");
            var consumer = provider.AddOAuth1Consumer(SignatureMethod.HmacSha1, OAuth1ConsumerKey, OAuth1ConsumerSecret);
            var client = provider.AddOAuth2Client(ClientAuthMethod.ClientSecretPost, OAuth2ClientId, OAuth2ClientSecret);
            transcript.Line($"Test provider (OAuthGen.Testing) listening on {provider.BaseUrl}");
            var configuration = Configure(provider, consumer, client);
            using var http = new HttpClient();

            await OAuth1Walkthrough.RunAsync(configuration, http, clock, provider, transcript, timeout.Token);
            await OAuth2Walkthrough.RunAsync(configuration, clock, provider, transcript, timeout.Token);

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
    /// What an app keeps in appsettings.json or the environment, here the values the provider just started hands out. Both
    /// flask-oauthlib key styles work: nested (<c>DemoOAuth1:ConsumerKey</c>) and flat (<c>DEMOOAUTH2_CONSUMER_KEY</c>).
    /// </summary>
    private static IConfiguration Configure(TestProvider provider, OAuth1Consumer consumer, OAuth2Client client)
    {
        var settings = new Dictionary<string, string?>(provider.ConfigurationFor("DemoOAuth1", consumer));
        foreach (var (key, value) in provider.ConfigurationFor("DemoOAuth2", client))
        {
            settings[ConfigurationKeys.FlatKey("DemoOAuth2", key["DemoOAuth2:".Length..])] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
