using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The <see cref="ITokenStore"/> of a web app: a generated client resolved inside a request uses the token of the user
/// that request belongs to (read from their sign-in, see <see cref="SignedInTokens"/>), and a token the client refreshed
/// is written back to that user's sign-in (the cookie is issued again). Outside a request, or for a user who did not sign
/// in with the client's app, there is no token (<see cref="OAuthErrorType.TokenMissing"/> on a call).
/// </summary>
/// <remarks>
/// Registered by <c>AddRemoteApp&lt;TApp&gt;()</c> on the authentication builder unless the app registered its own
/// <see cref="ITokenStore"/>. Only the default token is kept (named tokens get none). A refresh can be written back only
/// while the response has not started: refresh before writing the page, as generated clients do when called first.
/// </remarks>
public sealed class SignedInUserTokenStore : ITokenStore
{
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly RemoteAppSchemes _schemes;
    private readonly IOptionsMonitor<RemoteAppAuthenticationOptions> _schemeOptions;
    private readonly ILogger _logger;

    internal SignedInUserTokenStore(IHttpContextAccessor httpContextAccessor, RemoteAppSchemes schemes,
        IOptionsMonitor<RemoteAppAuthenticationOptions> schemeOptions, ILogger<SignedInUserTokenStore> logger)
    {
        _httpContextAccessor = httpContextAccessor;
        _schemes = schemes;
        _schemeOptions = schemeOptions;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TokenName is not null || _httpContextAccessor.HttpContext is not { } context) return null;
        if (SignedInTokens.Current(context, request.AppName) is { } current) return current;
        var signIn = await FindSignInAsync(context, request.AppName).ConfigureAwait(false);
        return signIn is null ? null : SignedInTokens.Read(signIn.Value.Result.Properties!);
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        if (request.TokenName is not null || _httpContextAccessor.HttpContext is not { } context) return;
        // The rest of this request uses the new token whether or not the cookie can still be written.
        SignedInTokens.SetCurrent(context, request.AppName, token);
        if (await FindSignInAsync(context, request.AppName).ConfigureAwait(false) is not var (scheme, result)) return;
        if (context.Response.HasStarted)
        {
            _logger.LogWarning("{App}: the refreshed token could not be written back to the user's sign-in because the response " +
                "had started; it is used for this request only.", request.AppName);
            return;
        }
        var properties = result.Properties!.Clone();
        SignedInTokens.Write(properties, token);
        await context.SignInAsync(scheme, result.Principal!, properties).ConfigureAwait(false);
    }

    /// <summary>The current user's sign-in made by a scheme of <paramref name="appName"/>, and the scheme that holds it.</summary>
    private async ValueTask<(string Scheme, AuthenticateResult Result)?> FindSignInAsync(HttpContext context, string appName)
    {
        var tried = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var scheme in _schemes.SchemesOf(appName))
        {
            var signInScheme = _schemeOptions.Get(scheme).SignInScheme;
            if (signInScheme is null || !tried.Add(signInScheme)) continue;
            var result = await context.AuthenticateAsync(signInScheme).ConfigureAwait(false);
            if (result.Succeeded && SignedInTokens.AppName(result.Properties!) == appName) return (signInScheme, result);
        }
        return null;
    }
}
