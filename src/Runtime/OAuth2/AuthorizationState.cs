using System;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OAuthGen;

/// <summary>The OAuth 2.0 <c>state</c> parameter (RFC 6749 §10.12): an unguessable value that binds a callback to the browser that started the flow;
/// the callback's copy is checked with <see cref="EchoedValue"/>.</summary>
internal static class AuthorizationState
{
    /// <summary>256 bits from a CSPRNG, base64url: well above RFC 6749 §10.10's 128-bit floor and safe in any URL.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
