using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples;

/// <summary>
/// Keeps each user's tokens in their ASP.NET Core session: the C# form of flask-oauthlib's
/// <c>@remote.tokengetter</c> returning <c>session.get('remote_token')</c>. Registered as a scoped <see cref="ITokenStore"/>,
/// every generated client finds the current user's token here, and saves it here after a refresh.
/// </summary>
/// <remarks>
/// The session lives on the server (the cookie only names it), so tokens never reach the browser. Use a distributed
/// cache (Redis, SQL) behind the session when the site runs on more than one server.
/// </remarks>
public sealed class SessionTokenStore(IHttpContextAccessor httpContextAccessor) : ITokenStore
{
    /// <inheritdoc/>
    public async ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        var session = await LoadSessionAsync(cancellationToken).ConfigureAwait(false);
        return session.GetString(Key(request)) is { } json ? OAuthToken.FromJson(json) : null;
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        var session = await LoadSessionAsync(cancellationToken).ConfigureAwait(false);
        session.SetString(Key(request), token.ToJson());
    }

    /// <summary>Forgets the user's token for <paramref name="appName"/>.</summary>
    public async ValueTask RemoveAsync(string appName, CancellationToken cancellationToken)
    {
        var session = await LoadSessionAsync(cancellationToken).ConfigureAwait(false);
        session.Remove(Key(new TokenRequest(appName, null)));
    }

    // Named tokens (flask-oauthlib's tokengetter(token=...)) get their own entry.
    private static string Key(TokenRequest request) =>
        request.TokenName is null ? $"oauthgen.token.{request.AppName}" : $"oauthgen.token.{request.AppName}.{request.TokenName}";

    private async ValueTask<ISession> LoadSessionAsync(CancellationToken cancellationToken)
    {
        var session = httpContextAccessor.HttpContext?.Session
            ?? throw new InvalidOperationException("SessionTokenStore is used outside an HTTP request, or app.UseSession() is missing.");
        // Loading asynchronously first keeps a distributed cache from being read synchronously on the request thread.
        await session.LoadAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }
}
