using System;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// Reads an OAuth 1.0a credentials response (temporary credentials, RFC 5849 §2.1; token credentials, §2.3). The RFC
/// says form-urlencoded, but providers label it text/plain or text/html (Twitter) or answer JSON, so like flask-oauthlib
/// and Authlib the body is read by what it is, not what its header claims. Failures are
/// <see cref="OAuthErrorType.InvalidResponse"/> carrying the response.
/// </summary>
internal static class CredentialsResponse
{
    /// <summary>The fields of a successful response that holds an <c>oauth_token</c>.</summary>
    /// <param name="response">The provider's response.</param>
    /// <param name="appName">The app, for messages.</param>
    /// <param name="step">The step, for messages (request-token, access-token).</param>
    /// <param name="secrets">The secrets the app knows for this call, scrubbed from every piece of server text a message quotes.</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: an error, no readable fields, no
    /// oauth_token, or credentials with control characters.</exception>
    public static FormData Read(OAuthResponse response, string appName, string step, KnownSecrets secrets)
    {
        var fields = TryReadFields(response);
        var problem = fields?["oauth_problem"];
        if (!response.IsSuccessStatusCode || problem is not null)
        {
            // Providers report the reason as the OAuth Problem Reporting extension's oauth_problem (Twitter era), or as
            // OAuth 2.0-style error/error_description (Authlib, flask-oauthlib's provider).
            var error = secrets.ScrubOrNull(problem ?? fields?["error"]);
            var name = problem is null ? "error" : "oauth_problem";
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The {step} request of '{appName}' failed: HTTP {(int)response.Status}{(error is null ? "" : $", {name}={error}")}.", response)
            {
                Error = error,
                ErrorDescription = secrets.ScrubOrNull(problem is null ? fields?["error_description"] : fields?["oauth_problem_advice"]),
            };
        }
        if (fields is null)
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                secrets.Scrub($"The {step} response of '{appName}' is not form-encoded or JSON (content type {response.ContentType ?? "missing"})."), response);
        }
        if (string.IsNullOrEmpty(fields["oauth_token"]))
        {
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The {step} response of '{appName}' has no oauth_token (HTTP {(int)response.Status}, {response.RawData.Length} bytes).", response);
        }
        foreach (var name in HeaderBoundFields)
        {
            // The token travels in Authorization headers and the secret keys signatures: a server that issues control
            // characters would make every later call fail, so they are refused here, where the server is to blame.
            if (fields[name] is { } value && ControlCharacters.In(value))
            {
                throw new OAuthException(OAuthErrorType.InvalidResponse,
                    $"The {step} response of '{appName}' issued an {name} with control characters; it was not accepted.", response);
            }
        }
        return fields;
    }

    /// <summary>The credentials a later request is built from.</summary>
    private static readonly string[] HeaderBoundFields = ["oauth_token", "oauth_token_secret"];

    private static FormData? TryReadFields(OAuthResponse response)
    {
        object? data;
        try
        {
            data = response.Data;
        }
        catch (OAuthException)
        {
            return null;
        }
        switch (data)
        {
            case FormData form:
                return form;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                var fields = new FormData();
                try
                {
                    foreach (var property in json.EnumerateObject())
                    {
                        fields.Add(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
                    }
                }
                catch (InvalidOperationException)
                {
                    // Strings that are not text (invalid UTF-8, a lone surrogate escape): no credentials to read.
                    return null;
                }
                return fields;
            case string text:
                // text/plain or text/html holding "oauth_token=...&oauth_token_secret=..." (Twitter labels it text/html).
                return text.AsSpan().Trim().ContainsAny(" <>\n") ? null : FormData.Parse(text.AsSpan().Trim());
            default:
                return null;
        }
    }

}
