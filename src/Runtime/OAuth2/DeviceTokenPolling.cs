using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// Polls the token endpoint for a started device authorization (RFC 8628 §3.4-3.5) until the user approves or denies it,
/// or it expires: waits <see cref="DeviceAuthorization.Interval"/> before each poll on the app's
/// <see cref="RemoteAppOptions.TimeProvider"/>, keeps polling on <c>authorization_pending</c>, adds 5 seconds to the
/// interval for this and every later poll on <c>slow_down</c>, and stops on anything else.
/// </summary>
internal sealed class DeviceTokenPolling(RemoteApp app, OAuth2Endpoints endpoints, TokenEndpointClient tokenEndpoint)
{
    /// <summary>The grant type of the device access token request (RFC 8628 §3.4).</summary>
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>What <c>slow_down</c> adds to the interval (RFC 8628 §3.5).</summary>
    public static readonly TimeSpan SlowDownIncrement = TimeSpan.FromSeconds(5);

    private RemoteAppOptions Options => app.Settings;

    /// <summary>Polls until a token is issued.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DeviceAuthorizationDenied"/>,
    /// <see cref="OAuthErrorType.DeviceCodeExpired"/>, or <see cref="OAuthErrorType.TokenEndpointError"/> for another error.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<OAuthToken> PollAsync(DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        var clock = Options.TimeProvider;
        var interval = authorization.Interval;
        var endpoint = await endpoints.TokenAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            // The first poll waits too: the user has only just been shown the code.
            var left = authorization.ExpiresAt - clock.GetUtcNow();
            if (left > TimeSpan.Zero) await Task.Delay(left < interval ? left : interval, clock, cancellationToken).ConfigureAwait(false);
            if (clock.GetUtcNow() >= authorization.ExpiresAt)
            {
                throw new OAuthException(OAuthErrorType.DeviceCodeExpired,
                    $"The device code of '{Options.Name}' expired at {authorization.ExpiresAt:O} before the user approved it; start again.");
            }

            var form = new FormData { { "grant_type", GrantType }, { "device_code", authorization.DeviceCode } };
            try
            {
                return await tokenEndpoint.RequestTokenAsync(endpoint, HttpMethod.Post, form, null, RequestLeg.DeviceCode, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.TokenEndpointError && e.Error is "authorization_pending")
            {
                Log.DeviceAuthorizationPending(app.Logger, Options.Name, interval.TotalSeconds);
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.TokenEndpointError && e.Error is "slow_down")
            {
                interval += SlowDownIncrement;
                Log.DeviceAuthorizationSlowDown(app.Logger, Options.Name, interval.TotalSeconds);
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.TokenEndpointError && e.Error is "access_denied")
            {
                throw new OAuthException(OAuthErrorType.DeviceAuthorizationDenied,
                    $"The user denied the device authorization of '{Options.Name}'.", e.Response, e)
                {
                    Error = e.Error,
                    ErrorDescription = e.ErrorDescription,
                };
            }
            catch (OAuthException e) when (e.Type == OAuthErrorType.TokenEndpointError && e.Error is "expired_token")
            {
                throw new OAuthException(OAuthErrorType.DeviceCodeExpired,
                    $"The token endpoint of '{Options.Name}' says the device code expired before the user approved it; start again.", e.Response, e)
                {
                    Error = e.Error,
                    ErrorDescription = e.ErrorDescription,
                };
            }
        }
    }
}
