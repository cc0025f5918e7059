using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using OAuthGen;

namespace PhotoSite;

/// <summary>
/// The app under test: "sign in with Photos" (/login, /signin-photos) and a page that calls the API (/). Sessions are a
/// cookie naming server-side state; the pending authorization and the token live there.
/// </summary>
public static class PhotoSiteApp
{
    public const string CallbackPath = "/signin-photos";

    /// <summary>Starts the site on an in-memory server; <paramref name="photos"/> talks to the provider.</summary>
    public static async Task<WebApplication> StartAsync(IPhotos photos)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var sessions = new ConcurrentDictionary<string, Session>();

        app.MapGet("/login", async (HttpContext context) =>
        {
            var id = Guid.NewGuid().ToString("N");
            var redirect = await photos.AuthorizeAsync($"{context.Request.Scheme}://{context.Request.Host}{CallbackPath}");
            sessions[id] = new Session { Pending = redirect.Pending };
            context.Response.Cookies.Append("sid", id);
            return Results.Redirect(redirect.Url.AbsoluteUri);
        });

        app.MapGet(CallbackPath, async (HttpContext context) =>
        {
            if (context.Request.Cookies["sid"] is not { } id || !sessions.TryGetValue(id, out var session) || session.Pending is null)
            {
                return Results.BadRequest("No sign-in in progress.");
            }
            var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}");
            AuthorizationResult result;
            try
            {
                result = await photos.AuthorizedResponseAsync(url, session.Pending);
            }
            catch (OAuthException)
            {
                return Results.Text("Photos did not complete the sign-in; please try again.", statusCode: 502);
            }
            finally
            {
                session.Pending = null;
            }
            if (result.IsDenied) return Results.Text($"Sign-in cancelled ({result.Error}).", statusCode: 403);
            session.Token = result.Token;
            return Results.Redirect("/");
        });

        app.MapGet("/", async (HttpContext context) =>
        {
            if (context.Request.Cookies["sid"] is not { } id || !sessions.TryGetValue(id, out var session) || session.Token is null)
            {
                return Results.Text("Please sign in.", statusCode: 401);
            }
            try
            {
                var me = await photos.GetMeAsync(session.Token);
                return Results.Text($"Hello {me.Name} <{me.Email}>");
            }
            catch (OAuthException failure) when (failure.Type == OAuthErrorType.HttpError)
            {
                session.Token = null; // the provider no longer accepts it: the user signs in again
                return Results.Text("Your Photos access ended; please sign in again.", statusCode: 401);
            }
        });

        await app.StartAsync();
        return app;
    }

    private sealed class Session
    {
        public PendingAuthorization? Pending { get; set; }

        public OAuthToken? Token { get; set; }
    }
}
