using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OAuthGen;

/// <summary>
/// The one way a response body becomes a typed JSON value, whether it is read straight from the pooled buffer
/// (<c>Task&lt;T&gt;</c> methods) or from an <see cref="OAuthResponse"/> (<c>Task&lt;OAuthResponse&lt;T&gt;&gt;</c>).
/// </summary>
internal static class JsonBody
{
    /// <summary>Deserializes <paramref name="body"/> (in <paramref name="charset"/>, a byte order mark allowed) as <typeparamref name="T"/>.</summary>
    /// <returns>Whether the body is a <typeparamref name="T"/>; when not, <paramref name="error"/> says why (no body text in it).</returns>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the declared charset cannot be decoded.</exception>
    public static bool TryRead<T>(ReadOnlyMemory<byte> body, string? charset, JsonTypeInfo<T> typeInfo, out T value, out Exception? error)
    {
        try
        {
            value = JsonSerializer.Deserialize(JsonText.Utf8(body, charset).Span, typeInfo)!;
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            value = default!;
            error = e;
            return false;
        }
    }
}
