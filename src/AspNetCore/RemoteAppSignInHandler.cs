using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OAuthGen.AspNetCore;

/// <summary>
/// Signs users in with the generated client <typeparamref name="TApp"/>, OAuth 1.0a or 2.0: a challenge starts the
/// client's authorization (request token, or state and PKCE) and redirects to the provider; the callback completes it
/// through the client (state, verifier and exact redirect_uri checked, each flow accepted once by the runtime's
/// <see cref="IReplayStore"/>), builds the user's claims and hands the ticket to the sign-in scheme.
/// </summary>
/// <remarks>
/// What the user or the provider does wrong (a denial, a forged or replayed callback, a provider error or outage) takes the
/// remote failure path (<see cref="RemoteAppAuthenticationEvents"/>). A misconfigured client is the developer's error and is
/// thrown, as ASP.NET Core's own handlers throw for a missing <c>ClientId</c> at the scheme's first use: resolving
/// <typeparamref name="TApp"/> for a challenge or a callback throws the <see cref="OptionsValidationException"/> that names the
/// missing configuration keys (registration asks for <c>ValidateOnStart</c>, so normally the host does not start at all; this
/// is what a configuration reload that breaks the options leads to).
/// </remarks>
/// <typeparam name="TApp">The generated client interface.</typeparam>
public sealed class RemoteAppSignInHandler<TApp> : RemoteAuthenticationHandler<RemoteAppAuthenticationOptions>
    where TApp : class, IRemoteApp
{
    /// <summary>The properties item carrying the pending authorization inside the protected flow cookie.</summary>
    private const string PendingItem = ".oauthgen.pending";

    private TApp? _app;

    /// <summary>Creates the handler (by the authentication system, once per request).</summary>
    public RemoteAppSignInHandler(IOptionsMonitor<RemoteAppAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    /// <inheritdoc/>
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new RemoteAppAuthenticationEvents());

    /// <summary>The client, resolved from the request's services once per request (this throws when its options are invalid).</summary>
    private TApp App => _app ??= Context.RequestServices.GetRequiredService<TApp>();

    /// <inheritdoc/>
    public override async Task<bool> HandleRequestAsync()
    {
        // Resolved here, outside the base class's catch-all that turns every exception of a callback into a failed sign-in:
        // invalid options are thrown, as at the challenge, not shown to the user as a sign-in failure.
        if (await ShouldHandleRequestAsync()) _ = App;
        return await base.HandleRequestAsync();
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (string.IsNullOrEmpty(properties.RedirectUri)) properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        var app = App;
        var settings = app.Options;
        // From this request's own host and scheme: opened at localhost or at 127.0.0.1, the provider returns to the same
        // origin, where the flow cookie was set.
        var callback = BuildRedirectUri(Options.CallbackPath);
        AuthorizationRedirect redirect;
        try
        {
            redirect = await app.AuthorizeAsync(callback, parameters: AuthorizationParameters(settings), cancellationToken: Context.RequestAborted);
        }
        catch (OAuthException failure)
        {
            await ChallengeFailedAsync(failure, properties);
            return;
        }

        if (FlowCookie.Key(redirect.Pending) is not { } flowKey)
        {
            // OAuth 2.0 always has a state and OAuth 1.0a a request token; a provider that gave an empty one cannot be followed.
            await ChallengeFailedAsync(new OAuthException(OAuthErrorType.InvalidResponse,
                $"The sign-in with '{settings.Name}' started without a state or request token to recognize its callback by."), properties);
            return;
        }
        properties.Items[PendingItem] = redirect.Pending.ToJson();
        var protectedFlow = Options.StateDataFormat!.Protect(properties);
        properties.Items.Remove(PendingItem);
        Response.Cookies.Append(FlowCookie.Name(Options, flowKey), protectedFlow,
            FlowCookie.Options(Context, Options, settings.PendingAuthorizationLifetime, TimeProvider.GetUtcNow()));
        Response.Redirect(redirect.Url.AbsoluteUri);
    }

    /// <inheritdoc/>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var parameters = await CallbackParametersAsync();
        var app = App;
        var settings = app.Options;

        var flowKey = First(parameters, "state") ?? First(parameters, "oauth_token") ?? First(parameters, "denied");
        if (flowKey is null)
        {
            return HandleRequestResult.Fail(new OAuthException(OAuthErrorType.NoPendingAuthorization,
                $"The callback of '{settings.Name}' names no sign-in (no state or oauth_token); start again."));
        }
        var cookieName = FlowCookie.Name(Options, flowKey);
        if (!Request.Cookies.TryGetValue(cookieName, out var protectedFlow))
        {
            return HandleRequestResult.Fail(new OAuthException(OAuthErrorType.NoPendingAuthorization,
                $"No sign-in with '{settings.Name}' that this callback belongs to was started in this browser, or it already " +
                "completed or expired. Start again."));
        }
        // Spent whatever happens next: a flow completes once.
        Response.Cookies.Delete(cookieName, FlowCookie.Options(Context, Options, TimeSpan.Zero, TimeProvider.GetUtcNow()));

        var properties = Options.StateDataFormat!.Unprotect(protectedFlow);
        if (properties is null || !properties.Items.Remove(PendingItem, out var pendingJson) || pendingJson is null)
        {
            return HandleRequestResult.Fail(new OAuthException(OAuthErrorType.NoPendingAuthorization,
                $"The sign-in cookie of '{settings.Name}' could not be read (changed, or protected with another key). Start again."));
        }

        OAuthToken token;
        IdToken? idToken;
        try
        {
            var pending = PendingAuthorization.FromJson(pendingJson);
            var result = await app.AuthorizedResponseAsync(parameters, pending, Context.RequestAborted);
            if (result.Token is null)
            {
                Context.Items[SignInFailure.DeniedMarker] = result.Error;
                var denied = await HandleAccessDeniedErrorAsync(properties);
                // Without an AccessDeniedPath (or an AccessDenied event answering) the denial is a failure, not a 404.
                return denied.None ? HandleRequestResult.Fail(new OAuthException(OAuthErrorType.AuthorizationError,
                    $"The sign-in with '{settings.Name}' was denied ({result.Error}).") { Error = result.Error, ErrorDescription = result.ErrorDescription },
                    properties) : denied;
            }
            token = result.Token;
            idToken = result.IdToken;
        }
        catch (OAuthException failure)
        {
            return HandleRequestResult.Fail(failure, properties);
        }

        var identity = new ClaimsIdentity(ClaimsIssuer);
        var claims = new RemoteAppClaims(identity, ClaimsIssuer);
        // The user's first API call, made before they are signed in, uses the token just granted (SignedInUserTokenStore).
        SignedInTokens.SetCurrent(Context, settings.Name, token);
        if (Options.UserMapper is { } mapUser)
        {
            try
            {
                await mapUser(Context, claims, Context.RequestAborted);
            }
            catch (OAuthException failure)
            {
                return HandleRequestResult.Fail(failure, properties);
            }
        }
        // OpenID Connect: the validated id_token says who signed in (sub, name, email), before any unverified field.
        if (idToken is not null) DefaultClaims.FromJson(claims, idToken.Claims);
        DefaultClaims.FromTokenResponse(claims, token.Extra);

        properties.Items[SignedInTokens.AppNameItem] = settings.Name;
        if (Options.SaveTokens) SignedInTokens.Write(properties, token);
        return HandleRequestResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }

    /// <summary>The configured extra parameters, and <c>response_mode</c> for form_post.</summary>
    private List<KeyValuePair<string, string>>? AuthorizationParameters(RemoteAppOptions settings)
    {
        var formPost = Options.ResponseMode == AuthorizationResponseMode.FormPost && !settings.IsOAuth1;
        if (Options.AuthorizationParameters.Count == 0 && !formPost) return null;
        var parameters = new List<KeyValuePair<string, string>>(Options.AuthorizationParameters);
        if (formPost) parameters.Add(new("response_mode", "form_post"));
        return parameters;
    }

    /// <summary>The callback's parameters: the posted form (response_mode=form_post) or the query.</summary>
    private async Task<List<KeyValuePair<string, string>>> CallbackParametersAsync()
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (HttpMethods.IsPost(Request.Method) && Request.HasFormContentType)
        {
            var form = await Request.ReadFormAsync(Context.RequestAborted);
            foreach (var (name, values) in form) Add(name, values);
        }
        else
        {
            foreach (var (name, values) in Request.Query) Add(name, values);
        }
        return parameters;

        void Add(string name, Microsoft.Extensions.Primitives.StringValues values)
        {
            foreach (var value in values) parameters.Add(new(name, value ?? ""));
        }
    }

    private static string? First(List<KeyValuePair<string, string>> parameters, string name)
    {
        foreach (var (key, value) in parameters)
        {
            if (key == name && value.Length > 0) return value;
        }
        return null;
    }

    /// <summary>The provider could not be reached or refused to start (OAuth 1.0a request token): the failure path, never a 500.</summary>
    private async Task ChallengeFailedAsync(OAuthException failure, AuthenticationProperties properties)
    {
        Logger.LogWarning("{Scheme}: the sign-in could not start ({Type}).", Scheme.Name, failure.Type);
        Context.Items[SignInFailure.ChallengeMarker] = true;
        var context = new RemoteFailureContext(Context, Scheme, Options, failure) { Properties = properties };
        await Events.RemoteFailure(context);
        if (context.Result?.Handled != true && !Response.HasStarted) await SignInFailure.RespondAsync(context);
    }
}
