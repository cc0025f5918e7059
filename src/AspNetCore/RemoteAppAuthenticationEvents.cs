using Microsoft.AspNetCore.Authentication;

namespace OAuthGen.AspNetCore;

/// <summary>
/// The events of a remote-app sign-in scheme. By default a failed sign-in is answered by <see cref="SignInFailure"/>: a
/// redirect to <see cref="RemoteAppAuthenticationOptions.FailurePath"/>, or a short page with a 4xx status, never an
/// unhandled exception. Replace <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/> to answer otherwise.
/// </summary>
public class RemoteAppAuthenticationEvents : RemoteAuthenticationEvents
{
    /// <summary>Creates the events with the default failure answer.</summary>
    public RemoteAppAuthenticationEvents() => OnRemoteFailure = SignInFailure.RespondAsync;
}
