using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthGen.Interop.Tests.Clients;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// OAuthGen.AspNetCore's sign-in scheme against Authlib rather than the demo provider: a site on Kestrel signs a user in
/// through the peer's consent (OAuth 2.0 with PKCE and client_secret_post; OAuth 1.0a with HMAC-SHA1), then calls the
/// peer's API as that user with the token kept in the sign-in cookie.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class AspNetCoreSignInTests(AuthlibPeer peer)
{
    [Theory]
    [InlineData("peer-oauth2-post")]
    [InlineData("peer-oauth1-hmac")]
    public async Task A_user_signs_in_through_the_handler_and_the_api_is_called_as_them(string scheme)
    {
        await using var site = await StartSiteAsync();
        var siteUrl = new Uri(site.Urls.Single().TrimEnd('/') + "/");
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

        using var challenge = await browser.GetAsync(new Uri(siteUrl, $"login/{scheme}"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(peer.BaseUrl, challenge.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var callback = await peer.ConsentAsync(challenge.Headers.Location.AbsoluteUri, user: "alice");
        Assert.Equal(new Uri(siteUrl, $"/signin-{scheme}").AbsoluteUri, callback.GetLeftPart(UriPartial.Path));
        using var completed = await browser.GetAsync(callback);
        Assert.True(completed.StatusCode == HttpStatusCode.Redirect, await completed.Content.ReadAsStringAsync() + peer.RecentStderr);
        Assert.Equal("/me", completed.Headers.Location!.OriginalString);

        using var me = await browser.GetAsync(new Uri(siteUrl, "me"));
        var body = await me.Content.ReadAsStringAsync();
        Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode}: {body} {peer.RecentStderr}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("alice", json.GetProperty("api").GetString());
        if (scheme == "peer-oauth2-post")
        {
            // The typed user call mapped at sign-in, made with the token just granted.
            Assert.Equal("alice", json.GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("id").GetString()));
        }
    }

    private async Task<WebApplication> StartSiteAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRemoteApp<IPeerOAuth2Post>(options => { PeerClients.MoveToPeer(options, peer); options.ConsumerSecret = PeerSecrets.Tricky; });
        builder.Services.AddRemoteApp<IPeerOAuth1Hmac>(options => { PeerClients.MoveToPeer(options, peer); options.ConsumerSecret = PeerSecrets.Tricky; });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie()
            .AddRemoteApp<IPeerOAuth2Post>(configure: options => options.MapUser((IPeerOAuth2Post api, CancellationToken ct) => api.MeAsync(cancellationToken: ct),
                (user, claims) => { claims.Id = user.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture); claims.Name = user.Username; claims.Email = user.Email; }))
            .AddRemoteApp<IPeerOAuth1Hmac>();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/login/{scheme}", (string scheme) => Results.Challenge(new AuthenticationProperties { RedirectUri = "/me" }, [scheme]));
        app.MapGet("/me", async (HttpContext context, IPeerOAuth2Post oauth2, IPeerOAuth1Hmac oauth1, CancellationToken ct) =>
        {
            var api = context.User.Identity!.AuthenticationType == "peer-oauth2-post"
                ? (await oauth2.MeAsync(cancellationToken: ct)).Username
                : (await oauth1.MeAsync(cancellationToken: ct)).ScreenName;
            return Results.Json(new { api, id = context.User.FindFirstValue(ClaimTypes.NameIdentifier), name = context.User.Identity.Name });
        }).RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
