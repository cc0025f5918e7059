using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace OAuthGen;

/// <summary>
/// OAuthGen's log messages, source-generated (no boxing, no parsing of the template per call). Event ids and names are
/// stable: filters and alerts may rely on them. No message carries a token, a secret or a query string.
/// </summary>
internal static partial class Log
{
    /// <summary>One line per request at Debug: the HttpClient factory already logs each request at Information.</summary>
    [LoggerMessage(EventId = 1, EventName = "RequestCompleted", Level = LogLevel.Debug,
        Message = "{App} {Method} {Path} -> {Status} in {ElapsedMilliseconds} ms")]
    public static partial void RequestCompleted(ILogger logger, string app, HttpMethod method, string? path, int status, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "RequestFailedWithoutAnswer", Level = LogLevel.Debug,
        Message = "{App}: the {Leg} got no answer ({Reason}) and fails with {ErrorType}")]
    public static partial void RequestFailedWithoutAnswer(ILogger logger, string app, string leg, string reason, string errorType);

    [LoggerMessage(EventId = 10, EventName = "TokenRefreshed", Level = LogLevel.Information,
        Message = "{App}: refreshed the token{TokenName}; it expires at {ExpiresAt:O}.")]
    public static partial void TokenRefreshed(ILogger logger, string app, string tokenName, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 11, EventName = "RejectedTokenRefreshed", Level = LogLevel.Information,
        Message = "{App}: the server rejected the stored token (invalid_token); sending again with the refreshed one.")]
    public static partial void RejectedTokenRefreshed(ILogger logger, string app);

    [LoggerMessage(EventId = 12, EventName = "ExpiredTokenSent", Level = LogLevel.Warning,
        Message = "{App}: the token{TokenName} expired at {ExpiresAt:O} and has no refresh token; sending it anyway.")]
    public static partial void ExpiredTokenSent(ILogger logger, string app, string tokenName, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 13, EventName = "RefreshedTokenNotSaved", Level = LogLevel.Error,
        Message = "{App}: saving the refreshed token{TokenName} failed ({ErrorType}); it is used for this call only.")]
    public static partial void RefreshedTokenNotSaved(ILogger logger, string app, string tokenName, string errorType);

    [LoggerMessage(EventId = 20, EventName = "RequestTokenObtained", Level = LogLevel.Debug,
        Message = "{App} obtained a request token; redirecting to {AuthorizeUrl}")]
    public static partial void RequestTokenObtained(ILogger logger, string app, string authorizeUrl);

    [LoggerMessage(EventId = 21, EventName = "AccessTokenObtained", Level = LogLevel.Debug,
        Message = "{App} obtained an access token")]
    public static partial void AccessTokenObtained(ILogger logger, string app);

    [LoggerMessage(EventId = 40, EventName = "DeviceAuthorizationPending", Level = LogLevel.Debug,
        Message = "{App}: the device authorization is pending; polling again in {IntervalSeconds} s")]
    public static partial void DeviceAuthorizationPending(ILogger logger, string app, double intervalSeconds);

    [LoggerMessage(EventId = 41, EventName = "DeviceAuthorizationSlowDown", Level = LogLevel.Debug,
        Message = "{App}: the token endpoint asked to slow down; polling every {IntervalSeconds} s from now on")]
    public static partial void DeviceAuthorizationSlowDown(ILogger logger, string app, double intervalSeconds);
}
