using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
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
        // Generated methods ask on every call; the context's own lookup goes through its options' cache (a dictionary
        // keyed by type), so the answer for the context last asked is kept per type. One reference: read and written whole.
        if (LastFound<T>.Entry is { } last && ReferenceEquals(last.Context, context)) return last.TypeInfo;
        var typeInfo = context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T> ?? throw new InvalidOperationException(
            $"{context.GetType().Name} has no JSON metadata for {typeof(T).Name}: add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
        LastFound<T>.Entry = new(context, typeInfo);
        return typeInfo;
    }

    /// <summary>
    /// The metadata for <typeparamref name="T"/> for clients declared without a <c>JsonContext</c>: from
    /// <paramref name="options"/> (their type resolver, else reflection), or <see cref="JsonSerializerOptions.Web"/>
    /// defaults (camelCase, case-insensitive names) when there are none.
    /// </summary>
    [RequiresUnreferencedCode("JSON without a JsonContext may need types that trimming removes. Set [RemoteApp(JsonContext = typeof(...))].")]
    [RequiresDynamicCode("JSON without a JsonContext may need runtime code generation. Set [RemoteApp(JsonContext = typeof(...))].")]
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions? options)
    {
        options ??= JsonSerializerOptions.Web;
        // What JsonSerializer.Deserialize<T>(..., options) does first: lock the options, with the reflection resolver
        // when they name none. Locked options cache their metadata, so later calls are a lookup.
        if (!options.IsReadOnly) options.MakeReadOnly(populateMissingResolver: true);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>The metadata of <typeparamref name="T"/> that <see cref="GetTypeInfo{T}(JsonSerializerContext)"/> found last, with its context.</summary>
    private static class LastFound<T>
    {
        public static Found<T>? Entry;
    }

    private sealed record Found<T>(JsonSerializerContext Context, JsonTypeInfo<T> TypeInfo);
}
