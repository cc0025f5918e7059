using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using OAuthGen.Testing;

namespace OAuthGen.Samples.Quickstart;

/// <summary>OAuth 1.0a, the way flask-oauthlib's twitter example works: authorize, authorized response, signed calls.</summary>
internal static class OAuth1Walkthrough
{
    public static async Task RunAsync(IConfiguration configuration, HttpClient http, DemoClock clock, TestProvider provider,
        Transcript transcript, CancellationToken cancellationToken)
    {
        transcript.Heading("OAuth 1.0a with the generated IDemoOAuth1 (IDemoOAuth1.Create)");
        var options = IDemoOAuth1.CreateOptions();            // what [RemoteApp] says
        RemoteAppConfiguration.Bind(options, configuration);  // + URLs and credentials under "DemoOAuth1" (app_key)
        options.TimeProvider = clock;
        OAuthToken? signedIn = null;
        options.TokenGetter = (_, _) => ValueTask.FromResult(signedIn); // flask-oauthlib's @tokengetter
        var client = IDemoOAuth1.Create(http, options);

        var redirect = await client.AuthorizeAsync(Program.Callback, cancellationToken: cancellationToken);
        transcript.Step("request token", $"signed request to the provider; send the user to {Transcript.Url(redirect.Url)}");

        var callback = await provider.ApproveAsync(redirect.Url, cancellationToken: cancellationToken);
        transcript.Step("user approves", $"provider redirects to {Transcript.Url(callback)}");

        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending, cancellationToken);
        if (result.Token is not { } token) throw new QuickstartFailure($"The OAuth 1.0a login was denied ({result.Error}).");
        signedIn = token;
        var screenName = token.Extra.GetValueOrDefault("screen_name");
        QuickstartFailure.ThrowUnless(screenName == "demo", "The access-token response lacks the provider's screen_name.");
        transcript.Step("access token", $"token {Transcript.Hide(token.AccessToken)} + secret (kept, not shown); screen_name={screenName}");

        var me = await client.GetMeAsync(cancellationToken);
        QuickstartFailure.ThrowUnless(me.AuthenticatedWith == "oauth1", $"api/me saw '{me.AuthenticatedWith}', not an OAuth 1.0a signature.");
        transcript.Step("signed GET", $"api/me -> {me.Name} (@{me.Login}), HMAC-SHA1 signature verified by the provider");

        const string message = "hello from OAuthGen";
        var echo = await client.EchoAsync(message, cancellationToken);
        var echoed = echo.GetProperty("form").EnumerateArray()
            .Select(pair => (Name: pair[0].GetString(), Value: pair[1].GetString()))
            .FirstOrDefault(pair => pair.Name == "message").Value;
        QuickstartFailure.ThrowUnless(echoed == message, "api/echo did not receive the signed form field intact.");
        transcript.Step("signed POST", $"api/echo with form field message=\"{echoed}\" (covered by the signature) -> echoed back");
    }
}
