using System;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The default answer to a failed sign-in: the user is sent on (<see cref="RemoteAppAuthenticationOptions.FailurePath"/>)
/// or told what happened, and the request ends there. Messages of <see cref="OAuthException"/> never hold secrets, so
/// they are shown; any other failure (an exception of the app's own <c>MapUser</c> code, say) may quote anything, so the
/// page says only that the sign-in failed and the log names the exception's type.
/// </summary>
public static class SignInFailure
{
    /// <summary>The <c>error</c> value of a denial by the user or provider.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The <c>error</c> value when the failure is not an <see cref="OAuthException"/>.</summary>
    public const string SignInFailed = "sign_in_failed";

    /// <summary>Marks, in <see cref="HttpContext.Items"/>, a failure that is the user's denial.</summary>
    internal static readonly object DeniedMarker = new();

    /// <summary>Marks, in <see cref="HttpContext.Items"/>, a failure that happened while sending the user to the provider.</summary>
    internal static readonly object ChallengeMarker = new();

    /// <summary>The machine-readable code of a failure: the <see cref="OAuthErrorType"/>, or <see cref="AccessDenied"/>.</summary>
    public static string ErrorCode(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Items.ContainsKey(DeniedMarker)) return AccessDenied;
        return context.Failure is OAuthException failure ? failure.Type : SignInFailed;
    }

    /// <summary>Redirects to <see cref="RemoteAppAuthenticationOptions.FailurePath"/> with <c>error</c>, or writes a short page.</summary>
    public static async Task RespondAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var code = ErrorCode(context);
        if (code != AccessDenied && context.Failure is { } other and not OAuthException)
        {
            // Its message may quote anything the app's code had at hand; the type is enough to find it.
            Logger(context.HttpContext).LogWarning("{Scheme}: the sign-in failed with {ExceptionType}; its message is not shown.",
                context.Scheme.Name, other.GetType().FullName);
        }
        var response = context.HttpContext.Response;
        if (context.Options is RemoteAppAuthenticationOptions { FailurePath.HasValue: true } options)
        {
            var target = context.HttpContext.Request.PathBase + options.FailurePath;
            response.Redirect(QueryHelpers.AddQueryString(target, "error", code));
            return;
        }
        response.StatusCode = code == AccessDenied ? StatusCodes.Status403Forbidden
            : context.HttpContext.Items.ContainsKey(ChallengeMarker) ? StatusCodes.Status502BadGateway
            : StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        var message = code == AccessDenied ? "The sign-in was denied."
            : context.Failure is OAuthException failure ? failure.Message
            : "The sign-in failed.";
        var home = WebUtility.HtmlEncode(context.HttpContext.Request.PathBase.HasValue ? context.HttpContext.Request.PathBase.Value : "/");
        await response.WriteAsync(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>Sign-in failed</title></head><body><h1>Sign-in failed</h1>" +
            $"<p id=\"error\" data-error=\"{WebUtility.HtmlEncode(code)}\">{WebUtility.HtmlEncode(message)}</p>" +
            $"<p><a href=\"{home}\">Back to the site</a></p></body></html>", context.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(SignInFailure).FullName!) ?? NullLogger.Instance;
}
