using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Claims;
using System.Text.Json;
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
/// OAuthGen.AspNetCore with an OpenID Connect app and no user mapping: the signed-in user's claims come from the
/// validated id_token the peer's authlib.oidc.core issued.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class AspNetCoreOidcSignInTests(AuthlibPeer peer)
{
    [Fact]
    public async Task The_signed_in_users_claims_come_from_the_validated_id_token()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRemoteApp<IPeerOidc>(options => { PeerClients.MoveToPeer(options, peer); options.ConsumerSecret = "oidc-secret"; });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddRemoteApp<IPeerOidc>();
        builder.Services.AddAuthorization();
        await using var site = builder.Build();
        site.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/me" }, ["peer-oidc"]));
        site.MapGet("/me", (HttpContext context) => Results.Json(new
        {
            id = context.User.FindFirstValue(ClaimTypes.NameIdentifier),
            name = context.User.Identity!.Name,
            email = context.User.FindFirstValue(ClaimTypes.Email),
        })).RequireAuthorization();
        await site.StartAsync();
        var siteUrl = new Uri(site.Urls.Single().TrimEnd('/') + "/");
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

        using var challenge = await browser.GetAsync(new Uri(siteUrl, "login"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Contains("nonce=", challenge.Headers.Location!.Query);
        var callback = await peer.ConsentAsync(challenge.Headers.Location.AbsoluteUri, user: "bob");
        using var completed = await browser.GetAsync(callback);
        Assert.True(completed.StatusCode == HttpStatusCode.Redirect, await completed.Content.ReadAsStringAsync() + peer.RecentStderr);

        using var me = await browser.GetAsync(new Uri(siteUrl, "me"));
        var body = await me.Content.ReadAsStringAsync();
        Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("2", json.GetProperty("id").GetString());
        Assert.Equal("Bob Builder", json.GetProperty("name").GetString());
        Assert.Equal("bob@example.test", json.GetProperty("email").GetString());
    }
}
