using System;
using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// Which <c>token_type</c> values an app uses (RFC 6749 §7.1: a client must not use a token whose type it does not
/// understand). The client implements bearer tokens (RFC 6750), and DPoP tokens (RFC 9449) when
/// <see cref="RemoteAppOptions.UseDPoP"/> is set: a token of another type (MAC...) would need proof the client does not
/// send, so the token endpoint's answer is refused with <see cref="OAuthErrorType.UnsupportedTokenType"/> instead of
/// sending it as a bearer token. <c>DPoP</c> listed here without <see cref="RemoteAppOptions.UseDPoP"/> is still refused.
/// </summary>
/// <remarks>
/// A response without <c>token_type</c> is a bearer token (Weibo, GitHub, Slack omit it). Accepted tokens are sent with
/// <see cref="RemoteAppOptions.TokenType"/> as the header word, whatever their type is spelled.
/// </remarks>
public sealed class TokenTypePolicy
{
    /// <summary>
    /// The accepted types, compared case-insensitively; <c>Bearer</c> by default. Add a provider's own name for bearer
    /// tokens (a server answering <c>token_type=OAuth2</c>); never a type that needs more than the token itself.
    /// </summary>
    public IList<string> AcceptedTypes { get; set; } = new List<string> { "Bearer" };

    /// <summary>Whether <paramref name="tokenType"/> is accepted (a missing type is bearer).</summary>
    public bool Accepts(string? tokenType)
    {
        // Runs for every resource call (a stored token's type is checked before it is sent): a loop, no closure.
        if (string.IsNullOrEmpty(tokenType)) return true;
        foreach (var accepted in AcceptedTypes)
        {
            if (string.Equals(accepted, tokenType, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A copy whose list is a copy too.</summary>
    public TokenTypePolicy Clone()
    {
        var copy = (TokenTypePolicy)MemberwiseClone();
        copy.AcceptedTypes = AcceptedTypes is null ? null! : new List<string>(AcceptedTypes);
        return copy;
    }
}
