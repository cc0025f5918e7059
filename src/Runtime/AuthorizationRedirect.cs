using System;

namespace OAuthGen;

/// <summary>Where to send the user, and what to keep until the callback.</summary>
/// <param name="Url">The provider's authorization URL.</param>
/// <param name="Pending">State to store (session, protected cookie) and pass back with the callback.</param>
public sealed record AuthorizationRedirect(Uri Url, PendingAuthorization Pending);
