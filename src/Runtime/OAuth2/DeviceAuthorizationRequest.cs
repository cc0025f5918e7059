using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Starts the device authorization grant (RFC 8628 §3.1-3.2): the client, authenticated as at the token endpoint, asks
/// the device authorization endpoint for a device code and a user code.
/// </summary>
internal sealed class DeviceAuthorizationRequest(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint)
{
    /// <summary>The polling interval when the server names none (RFC 8628 §3.2).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <summary>The longest interval taken from a server.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Asks for a device code for <paramref name="scope"/> (or the configured scope).</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DeviceAuthorizationFailed"/> for an error or an unusable answer;
    /// <see cref="OAuthErrorType.InvalidConfiguration"/> or <see cref="OAuthErrorType.DiscoveryFailed"/> when the endpoint is unknown.</exception>
    public async Task<DeviceAuthorization> StartAsync(string? scope, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.DeviceAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        var form = new FormData();
        scope ??= Options.Scope;
        if (!string.IsNullOrEmpty(scope)) form.Add("scope", scope);
        var (response, secrets) = await tokenEndpoint.ExchangeAsync(endpoint, HttpMethod.Post, form, null, RequestLeg.DeviceAuthorization,
            cancellationToken).ConfigureAwait(false);
        var receivedAt = Options.TimeProvider.GetUtcNow();
        JsonElement? document;
        try
        {
            document = response.Data as JsonElement?;
        }
        catch (OAuthException e) when (e.Type == OAuthErrorType.InvalidResponse)
        {
            document = null; // declared JSON that is not: reported below as no device authorization
        }
        if (document is { ValueKind: JsonValueKind.Object } errorDocument && JsonMember.Text(errorDocument, "error") is { } rawError)
        {
            var error = secrets.Scrub(rawError);
            var description = secrets.ScrubOrNull(JsonMember.Text(errorDocument, "error_description"));
            throw new OAuthException(OAuthErrorType.DeviceAuthorizationFailed,
                $"The device authorization endpoint of '{Options.Name}' answered HTTP {(int)response.Status} with error '{error}'" +
                (description is null ? "." : $": {description}"), response)
            {
                Error = error,
                ErrorDescription = description,
            };
        }
        if (!response.IsSuccessStatusCode || document is not { ValueKind: JsonValueKind.Object } json)
        {
            throw Failed(response, $"answered HTTP {(int)response.Status} ({response.ContentType ?? "no content type"}) without a JSON device authorization");
        }

        var deviceCode = JsonMember.Text(json, "device_code");
        var userCode = JsonMember.Text(json, "user_code");
        // Google's endpoint names it verification_url, from a draft of the RFC.
        var verification = JsonMember.Text(json, "verification_uri") ?? JsonMember.Text(json, "verification_url");
        if (deviceCode is null || userCode is null || verification is null || !TryAbsolute(verification, out var verificationUri))
        {
            throw Failed(response, "answered without a device_code, user_code and absolute verification_uri (RFC 8628 §3.2)");
        }
        if (!TokenText.IsVisibleAscii(deviceCode))
        {
            throw Failed(response, "issued a device_code with control or non-ASCII characters");
        }
        var complete = JsonMember.Text(json, "verification_uri_complete") is { } text && TryAbsolute(text, out var completeUri) ? completeUri : null;
        var expiresIn = Seconds(json, "expires_in");
        if (expiresIn is not > 0) throw Failed(response, "answered without a positive expires_in (RFC 8628 §3.2)");
        // Bounded, so a server's absurd value cannot overflow a TimeSpan or park the client for days.
        var interval = Seconds(json, "interval") is > 0 and var seconds ? TimeSpan.FromSeconds(Math.Min(seconds, MaxInterval.TotalSeconds)) : DefaultInterval;
        return new DeviceAuthorization(Options.Name, deviceCode, userCode, verificationUri!, complete,
            receivedAt + TimeSpan.FromSeconds(Math.Min(expiresIn.Value, TimeSpan.FromDays(1).TotalSeconds)), interval);
    }

    private OAuthException Failed(OAuthResponse response, string what) =>
        new(OAuthErrorType.DeviceAuthorizationFailed, $"The device authorization endpoint of '{Options.Name}' {what}.", response);

    private static bool TryAbsolute(string text, out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>A number of seconds, as a JSON number or a numeric string (some servers quote them).</summary>
    private static double? Seconds(JsonElement json, string member)
    {
        if (!json.TryGetProperty(member, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        return value.ValueKind == JsonValueKind.String && JsonMember.Text(json, member) is { } text &&
               double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number)
            ? number
            : null;
    }
}
