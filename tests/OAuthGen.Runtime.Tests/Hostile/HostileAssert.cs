using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>The promises checked after every hostile answer.</summary>
public static class HostileAssert
{
    /// <summary>Fails unless <paramref name="error"/> is an OAuthException whose texts (inner messages too) hold none of <paramref name="secrets"/>.</summary>
    public static OAuthException TypedAndClean(Exception error, IReadOnlyList<string> secrets, string context)
    {
        if (error is not OAuthException oauth) throw new Xunit.Sdk.XunitException($"{context}: {error.GetType()} escaped: {error}");
        var texts = new List<string?> { oauth.Message, oauth.ToString(), oauth.Error, oauth.ErrorDescription };
        for (var inner = oauth.InnerException; inner is not null; inner = inner.InnerException) texts.Add(inner.Message);
        NoneContain(texts, secrets, context);
        return oauth;
    }

    /// <summary>Fails when any of <paramref name="texts"/> holds any of <paramref name="secrets"/>.</summary>
    public static void NoneContain(IEnumerable<string?> texts, IReadOnlyList<string> secrets, string context)
    {
        foreach (var text in texts)
        {
            if (text is null) continue;
            foreach (var secret in secrets)
            {
                if (text.Contains(secret, StringComparison.Ordinal)) throw new Xunit.Sdk.XunitException($"{context}: '{secret}' leaked into: {text}");
            }
        }
    }

    /// <summary>A token the library hands out can be put into a header: a non-empty access token, no control characters.</summary>
    public static void Usable(OAuthToken token, string context)
    {
        Assert.False(string.IsNullOrEmpty(token.AccessToken), context);
        foreach (var value in new[] { token.AccessToken, token.RefreshToken, token.TokenType, token.Secret })
        {
            if (value is not null && value.Any(char.IsControl)) throw new Xunit.Sdk.XunitException($"{context}: a control character in an issued token");
        }
    }
}
