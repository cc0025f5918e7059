using System;

namespace OAuthGen;

/// <summary>
/// A started device authorization (RFC 8628 §3.2): what to show the user (<see cref="UserCode"/> and where to enter it),
/// how long it lasts, and how often the token endpoint may be asked. Pass it to
/// <see cref="IRemoteApp.PollDeviceTokenAsync"/>. The device code itself stays inside: it is a credential for the
/// token, shown to no one, and <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class DeviceAuthorization
{
    internal DeviceAuthorization(string appName, string deviceCode, string userCode, Uri verificationUri, Uri? verificationUriComplete,
        DateTimeOffset expiresAt, TimeSpan interval)
    {
        AppName = appName;
        DeviceCode = deviceCode;
        UserCode = userCode;
        VerificationUri = verificationUri;
        VerificationUriComplete = verificationUriComplete;
        ExpiresAt = expiresAt;
        Interval = interval;
    }

    /// <summary>The app that started it; only that app can poll for its token.</summary>
    public string AppName { get; }

    /// <summary>The code the user enters at <see cref="VerificationUri"/>.</summary>
    public string UserCode { get; }

    /// <summary>Where the user goes, on another device, to enter <see cref="UserCode"/>.</summary>
    public Uri VerificationUri { get; }

    /// <summary>The verification URL with the user code in it (for a QR code or a link), when the server gave one.</summary>
    public Uri? VerificationUriComplete { get; }

    /// <summary>When the device and user codes expire, on the app's clock (<c>expires_in</c> counted from receipt).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>How long to wait between polls: the server's <c>interval</c>, 5 seconds when it sent none (RFC 8628 §3.2).</summary>
    public TimeSpan Interval { get; }

    /// <summary>The device code (RFC 8628 §3.2): sent only to the token endpoint.</summary>
    internal string DeviceCode { get; }

    /// <summary>Describes the authorization without its device code.</summary>
    public override string ToString() =>
        $"DeviceAuthorization {{ AppName = {AppName}, UserCode = {UserCode}, VerificationUri = {VerificationUri}, " +
        $"ExpiresAt = {ExpiresAt:O}, Interval = {Interval.TotalSeconds:0.###} s }}";
}
