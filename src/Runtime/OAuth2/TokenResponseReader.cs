using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// Reads an OAuth 2.0 token endpoint response (RFC 6749 §5) into an <see cref="OAuthToken"/>, whatever the provider
/// actually sends: JSON, form-urlencoded (GitHub without Accept), JSON as text/plain (Weibo), or an HTML error page.
/// </summary>
internal static class TokenResponseReader
{
    private const int ExcerptLength = 200;

    /// <summary>The members RFC 6749 §5.1 defines; everything else goes to <see cref="OAuthToken.Extra"/>.</summary>
    private static readonly string[] TokenMembers = ["access_token", "token_type", "refresh_token", "scope"];

    private static readonly string[] SecretNames = ["access_token", "refresh_token", "id_token", "client_secret", "code_verifier"];

    /// <summary>The members whose values end up in request headers, so they must be free of control characters.</summary>
    private static readonly string[] HeaderBoundMembers = ["access_token", "refresh_token", "token_type"];

    /// <summary>Reads a token, or throws the precise error the response shows.</summary>
    /// <param name="response">The token endpoint's response.</param>
    /// <param name="appName">The app, for messages.</param>
    /// <param name="contentTypeForced">Whether <see cref="RemoteAppOptions.ContentType"/> forced the parser; otherwise unclear bodies are sniffed.</param>
    /// <param name="receivedAt">When the response arrived: <c>expires_in</c> counts from here.</param>
    /// <param name="secrets">The secrets the app knows for this call, scrubbed from every piece of server text a message quotes.</param>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.TokenEndpointError"/> for an OAuth error (even on HTTP 200) or an
    /// unreadable error page; <see cref="OAuthErrorType.InvalidResponse"/> for a success without a usable token, or with a
    /// token that could not be sent in a header (control characters).</exception>
    public static OAuthToken Read(OAuthResponse response, string appName, bool contentTypeForced, DateTimeOffset receivedAt,
        KnownSecrets secrets)
    {
        var fields = ReadFields(response, contentTypeForced);
        if (fields is null) throw Unreadable(response, appName, secrets);
        ThrowIfError(response, fields, appName, secrets);
        if (!fields.TryGetValue("access_token", out var accessToken) || accessToken.Length == 0)
        {
            // Only the names: the values of a broken token response may still hold secrets (a refresh token, an id_token).
            throw new OAuthException(OAuthErrorType.InvalidResponse,
                $"The token endpoint of '{appName}' answered HTTP {(int)response.Status} without an access_token " +
                $"(fields: {(fields.Count == 0 ? "none" : secrets.Scrub(string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))))}).", response);
        }
        foreach (var name in HeaderBoundMembers)
        {
            // These values go into Authorization headers (or are stored to be): a CR, LF or NUL there would make every
            // later call with this token fail to build, or split a header. Refused here, where the server is to blame.
            if (fields.TryGetValue(name, out var value) &&
                (name == "token_type" ? ControlCharacters.In(value) : !TokenText.IsVisibleAscii(value)))
            {
                throw new OAuthException(OAuthErrorType.InvalidResponse,
                    $"The token endpoint of '{appName}' issued a {name} with control or non-ASCII characters; it was not accepted.", response);
            }
        }

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!TokenMembers.Contains(field.Key)) extra[field.Key] = field.Value;
        }
        var expiresAt = ReadExpiry(extra, receivedAt);
        return new OAuthToken(accessToken)
        {
            TokenType = NormalizeTokenType(fields.GetValueOrDefault("token_type")),
            RefreshToken = NonEmpty(fields.GetValueOrDefault("refresh_token")),
            ExpiresAt = expiresAt,
            Scope = NonEmpty(fields.GetValueOrDefault("scope")),
            Extra = extra,
        };
    }

    /// <summary>
    /// Throws for an OAuth error response (RFC 6749 §5.2), which may arrive with HTTP 200 (GitHub), or for any non-success
    /// status. Used for token responses and for endpoints whose success has no body (revocation).
    /// </summary>
    /// <param name="response">The endpoint's response.</param>
    /// <param name="appName">The app, for messages.</param>
    /// <param name="contentTypeForced">Whether <see cref="RemoteAppOptions.ContentType"/> forced the parser.</param>
    /// <param name="secrets">The secrets the app knows for this call, scrubbed from every piece of server text a message quotes.</param>
    public static void ThrowIfError(OAuthResponse response, string appName, bool contentTypeForced, KnownSecrets secrets)
    {
        var fields = ReadFields(response, contentTypeForced);
        if (fields is null)
        {
            if (!response.IsSuccessStatusCode) throw Unreadable(response, appName, secrets);
            return;
        }
        ThrowIfError(response, fields, appName, secrets);
    }

    private static void ThrowIfError(OAuthResponse response, Dictionary<string, string> fields, string appName, KnownSecrets secrets)
    {
        if (fields.TryGetValue("error", out var rawError) && rawError.Length > 0)
        {
            // Error and ErrorDescription are server text too, shown to users and logged with the exception.
            var error = secrets.Scrub(rawError);
            var description = secrets.ScrubOrNull(NonEmpty(fields.GetValueOrDefault("error_description")));
            throw new OAuthException(OAuthErrorType.TokenEndpointError,
                $"The token endpoint of '{appName}' answered HTTP {(int)response.Status} with error '{error}'" +
                (description is null ? "." : $": {description}"), response)
            {
                Error = error,
                ErrorDescription = description,
            };
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new OAuthException(OAuthErrorType.TokenEndpointError,
                $"The token endpoint of '{appName}' answered HTTP {(int)response.Status} without an OAuth error code.", response);
        }
    }

    /// <summary>
    /// The response's members as strings, or <see langword="null"/> when the body is no JSON object or form. JSON and form
    /// content types are trusted; anything else (text/plain, text/html, none) is sniffed, as oauthlib does.
    /// </summary>
    private static Dictionary<string, string>? ReadFields(OAuthResponse response, bool contentTypeForced)
    {
        object? data;
        var declared = response.ContentType is { } type ? ResponseBodyParser.Classify(type) : BodyKind.Text;
        try
        {
            if (contentTypeForced || declared is BodyKind.Json or BodyKind.Form)
            {
                data = response.Data;
            }
            else
            {
                data = ResponseBodyParser.Sniff(response.RawData) switch
                {
                    BodyKind.Json => ResponseBodyParser.Parse(response.RawData, RequestData.JsonMediaType, response.Charset),
                    BodyKind.Form => ResponseBodyParser.Parse(response.RawData, RequestData.FormMediaType, response.Charset),
                    _ => null,
                };
            }
        }
        catch (OAuthException e) when (e.Type == OAuthErrorType.InvalidResponse)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (data)
        {
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                try
                {
                    foreach (var member in json.EnumerateObject())
                    {
                        var value = member.Value.ValueKind switch
                        {
                            JsonValueKind.String => member.Value.GetString(),
                            JsonValueKind.Null or JsonValueKind.Undefined => null,
                            JsonValueKind.True => "true",
                            JsonValueKind.False => "false",
                            // Numbers keep their text ("3600.0"); objects and arrays (Strava's athlete) stay JSON.
                            _ => member.Value.GetRawText(),
                        };
                        if (value is not null) fields.TryAdd(member.Name, value);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Well-formed JSON whose strings are not text: invalid UTF-8, or a lone surrogate escape ("\ud83d").
                    // The reader only notices when a string is read; such a body is no token response.
                    return null;
                }
                return fields;
            case FormData form:
                foreach (var pair in form) fields.TryAdd(pair.Key, pair.Value);
                return fields;
            default:
                return null;
        }
    }

    private static OAuthException Unreadable(OAuthResponse response, string appName, KnownSecrets secrets)
    {
        var what = secrets.Scrub($"HTTP {(int)response.Status} ({response.ContentType ?? "no content type"}, {response.RawData.Length} bytes)");
        var excerpt = Excerpt(response, secrets);
        return response.IsSuccessStatusCode
            ? new OAuthException(OAuthErrorType.InvalidResponse,
                $"The token endpoint of '{appName}' answered {what} that is not a token response: {excerpt}", response)
            : new OAuthException(OAuthErrorType.TokenEndpointError,
                $"The token endpoint of '{appName}' answered {what}: {excerpt}", response);
    }

    /// <summary>
    /// The start of the body as readable text: tags removed, whitespace collapsed, every known secret scrubbed, and withheld
    /// if it mentions tokens by name.
    /// </summary>
    private static string Excerpt(OAuthResponse response, KnownSecrets secrets)
    {
        var text = new StringBuilder();
        var inTag = false;
        // An undecodable charset must not turn an error report into another error: read such a body as UTF-8.
        var body = (ResponseBodyParser.TryGetEncoding(response.Charset) ?? Encoding.UTF8).GetString(response.RawData);
        // Scrubbed before it is shortened, so a secret cut at the end cannot leave its first half behind.
        foreach (var c in secrets.Scrub(body))
        {
            if (c == '<') inTag = true;
            var separator = inTag || char.IsWhiteSpace(c) || char.IsControl(c);
            if (c == '>') inTag = false;
            if (!separator)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }
        var excerpt = text.ToString().Trim();
        if (excerpt.Length == 0) return "(empty body)";
        foreach (var secretName in SecretNames)
        {
            // An error page that echoes the request could show a secret; better no excerpt than a leaked one.
            if (excerpt.Contains(secretName, StringComparison.OrdinalIgnoreCase)) return "(body withheld: it names a secret field)";
        }
        return excerpt.Length <= ExcerptLength ? $"\"{excerpt}\"" : $"\"{excerpt[..ExcerptLength]}…\"";
    }

    /// <summary>
    /// <c>expires_in</c> (or the pre-RFC <c>expires</c> of old Facebook and StackExchange) as an absolute time. Numbers may be
    /// strings and may have a fraction ("3600.0"); 0 or less means no expiry (Mailchimp). An unreadable value is kept in Extra.
    /// </summary>
    private static DateTimeOffset? ReadExpiry(Dictionary<string, string> extra, DateTimeOffset receivedAt)
    {
        var name = extra.ContainsKey("expires_in") ? "expires_in" : extra.ContainsKey("expires") ? "expires" : null;
        if (name is null || !double.TryParse(extra[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
            !double.IsFinite(seconds))
        {
            return null;
        }
        extra.Remove(name);
        if (seconds <= 0) return null;
        var room = (DateTimeOffset.MaxValue - receivedAt).TotalSeconds;
        return seconds >= room ? null : receivedAt.AddSeconds(seconds);
    }

    /// <summary>Missing means Bearer (Weibo, LinkedIn, Slack omit it); any spelling of bearer is RFC 6750's <c>Bearer</c>.</summary>
    private static string NormalizeTokenType(string? tokenType) =>
        string.IsNullOrEmpty(tokenType) || string.Equals(tokenType, "bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : tokenType;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
