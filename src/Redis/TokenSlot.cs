using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Redis;

/// <summary>
/// Where one token lives: app, token name and user. The first level uses the slot itself as its key (no hashing on
/// the per-call path); Redis gets <see cref="Hash"/>, so keys never show a user id or token name.
/// </summary>
internal readonly record struct TokenSlot(string AppName, string? TokenName, string? User)
{
    /// <summary>A SHA-256 (64 lowercase hexadecimal characters) over the length-prefixed parts: no two slots share one.</summary>
    public string Hash()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"oauthgen-token-v1|{AppName.Length}:{AppName}|{TokenName?.Length ?? -1}:{TokenName}|{User?.Length ?? -1}:{User}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
