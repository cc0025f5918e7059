using System;

namespace OAuthGen;

/// <summary>A client credentials token and the instant caches stop handing it out (<see cref="TokenCachePolicy"/>).</summary>
/// <param name="Token">The token.</param>
/// <param name="ReuseUntil">When it stops being reused, on the app's <see cref="RemoteAppOptions.TimeProvider"/>.</param>
public sealed record CachedClientCredentials(OAuthToken Token, DateTimeOffset ReuseUntil);
