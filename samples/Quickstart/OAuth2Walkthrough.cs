using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Testing;

namespace OAuthGen.Samples.Quickstart;

/// <summary>
/// OAuth 2.0 the way an ASP.NET Core app wires it: <c>services.AddRemoteApp&lt;IDemoOAuth2&gt;()</c>, options from
/// configuration, tokens in an <see cref="ITokenStore"/>. Code + PKCE, a call, an automatic refresh, a denied login.
/// </summary>
internal static class OAuth2Walkthrough
{
    public static async Task RunAsync(IConfiguration configuration, DemoClock clock, TestProvider provider, Transcript transcript,
        CancellationToken cancellationToken)
    {
        transcript.Heading("OAuth 2.0 with the generated IDemoOAuth2 (services.AddRemoteApp<IDemoOAuth2>())");
        var tokens = new MemoryTokenStore();
        var services = new ServiceCollection()
            .AddSingleton(configuration)    // options bind from "DemoOAuth2" / "DEMOOAUTH2_*" keys
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ITokenStore>(tokens);
        services.AddRemoteApp<IDemoOAuth2>();
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IDemoOAuth2>();

        var redirect = await client.AuthorizeAsync(Program.Callback, cancellationToken: cancellationToken);
        transcript.Step("authorize", $"send the user to {Transcript.Url(redirect.Url)}");

        var callback = await provider.ApproveAsync(redirect.Url, cancellationToken: cancellationToken);
        transcript.Step("user approves", $"provider redirects to {Transcript.Url(callback)}");

        var result = await client.AuthorizedResponseAsync(callback, redirect.Pending, cancellationToken);
        if (result.Token is not { } token) throw new QuickstartFailure($"The OAuth 2.0 login was denied ({result.Error}).");
        QuickstartFailure.ThrowUnless(token.RefreshToken is not null && token.ExpiresAt is not null,
            "The token response lacks a refresh token or a lifetime.");
        var key = new TokenRequest(client.Options.Name, null);
        await tokens.SaveAsync(key, token, cancellationToken);
        var lifetime = token.ExpiresAt!.Value - clock.GetUtcNow();
        transcript.Step("token", $"state and PKCE verifier checked; access token {Transcript.Hide(token.AccessToken)} " +
            $"(expires in {lifetime.TotalSeconds:0} s) + refresh token (kept, not shown); scope \"{token.Scope}\"");

        var me = await client.GetMeAsync(cancellationToken);
        QuickstartFailure.ThrowUnless(me.AuthenticatedWith == "oauth2" && me.Email is not null,
            "api/me did not accept the bearer token with the email scope.");
        transcript.Step("call", $"api/me -> {me.Name} <{me.Email}>, bearer token accepted");

        clock.Advance(TimeSpan.FromMinutes(3));
        var savesBefore = tokens.Saves;
        me = await client.GetMeAsync(cancellationToken);
        var refreshed = await tokens.GetAsync(key, cancellationToken);
        QuickstartFailure.ThrowUnless(tokens.Saves > savesBefore && refreshed is not null && refreshed.AccessToken != token.AccessToken,
            "The expired access token was not refreshed before the call.");
        transcript.Step("3 min later", $"token expired; the client refreshed it first (new access token {Transcript.Hide(refreshed!.AccessToken)}, " +
            $"saved to the token store) -> api/me -> {me.Name}");

        try
        {
            await client.AuthorizedResponseAsync(callback, redirect.Pending, cancellationToken);
            throw new QuickstartFailure("The same pending authorization completed twice.");
        }
        catch (OAuthException replay)
        {
            transcript.Step("code replayed", $"refused ({replay.Type}) by the client before anything was sent: a flow completes once");
        }

        var second = await client.AuthorizeAsync(Program.Callback, cancellationToken: cancellationToken);
        var deniedCallback = await provider.DenyAsync(second.Url, cancellationToken: cancellationToken);
        var denied = await client.AuthorizedResponseAsync(deniedCallback, second.Pending, cancellationToken);
        QuickstartFailure.ThrowUnless(denied.IsDenied && denied.Error == "access_denied", "A denied login did not come back as denied.");
        transcript.Step("denied login", $"user clicks Deny -> IsDenied, error={denied.Error} (\"{denied.ErrorDescription}\")");
    }
}
