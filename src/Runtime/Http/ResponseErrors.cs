using System;

namespace OAuthGen;

/// <summary>The failures of a resource call whose answer was not what the method returns; each carries the response.</summary>
internal static class ResponseErrors
{
    /// <summary>A non-2xx status. The body is not quoted (error bodies may echo tokens); it stays reachable through Response.</summary>
    public static OAuthException HttpError(OAuthResponse response, string appName) =>
        new(OAuthErrorType.HttpError, $"'{appName}' answered HTTP {(int)response.Status} ({response.Status}).", response);

    /// <summary>A body that is not the declared type; the parser's own message is dropped, as it may quote the body.</summary>
    public static OAuthException DeserializationFailed(OAuthResponse response, string typeName, Exception inner) =>
        new(OAuthErrorType.DeserializationFailed,
            $"The response body (HTTP {(int)response.Status}, {response.ContentType ?? "no content type"}, {response.RawData.Length} bytes) could not be read as {typeName}.",
            response, ParserErrors.WithoutBodyText(inner));

    /// <summary>A JSON <c>null</c> body where the method declares a non-nullable type: returning null would break its promise.</summary>
    public static OAuthException NullBody(OAuthResponse response, string typeName) =>
        new(OAuthErrorType.DeserializationFailed,
            $"The response body (HTTP {(int)response.Status}) is JSON null, but the method returns a non-nullable {typeName}; " +
            $"declare it {typeName}? if the server may answer null.",
            response);
}
