using System;

namespace OAuthGen;

/// <summary>
/// How client credentials tokens (<see cref="IRemoteApp.ClientCredentialsAsync"/>) are reused. They are cached per
/// app, client, endpoint and scope in the process, so many calls share one token; these bounds keep that cache from
/// handing out a token the server has long forgotten, or from growing without end.
/// </summary>
public sealed class TokenCachePolicy
{
    /// <summary>How long a token whose response had no <c>expires_in</c> is reused; 5 minutes by default.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a token is reused, whatever its <c>expires_in</c> says; 1 hour by default.</summary>
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many tokens (scopes) one app keeps; past it the oldest is dropped. 100 by default.</summary>
    public int MaxEntries { get; set; } = 100;

    /// <summary>A copy.</summary>
    public TokenCachePolicy Clone() => (TokenCachePolicy)MemberwiseClone();
}
