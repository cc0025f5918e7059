using System;

namespace OAuthGen;

/// <summary>Where to send the user, and what to keep until the callback.</summary>
/// <param name="Url">The provider's authorization URL.</param>
/// <param name="Pending">State to store (session, protected cookie) and pass back with the callback.</param>
public sealed record AuthorizationRedirect(Uri Url, PendingAuthorization Pending)
{
    /// <summary>
    /// For a pushed authorization request (RFC 9126), when the server stops accepting its <c>request_uri</c>
    /// (<c>expires_in</c> from the answer): a redirect after it fails at the server, so send the user before, or start
    /// again. <see langword="null"/> when the parameters travel in <see cref="Url"/>.
    /// </summary>
    public DateTimeOffset? RequestUriExpiresAt { get; init; }
}
