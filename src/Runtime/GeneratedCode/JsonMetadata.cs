using System;
using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OAuthGen.GeneratedCode;

/// <summary>Looks up source-generated JSON metadata for clients declared with <c>[RemoteApp(JsonContext = ...)]</c>. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMetadata
{
    /// <summary>The metadata <paramref name="context"/> holds for <typeparamref name="T"/>, or a clear error naming the fix.</summary>
    /// <exception cref="InvalidOperationException">The context was not told about <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T> ?? throw new InvalidOperationException(
            $"{context.GetType().Name} has no JSON metadata for {typeof(T).Name}: add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
    }
}
