using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using System.Xml.Linq;

namespace OAuthGen.GeneratedCode;

/// <summary>
/// Turns an <see cref="OAuthResponse"/> into the value a generated method returns. A body that cannot be read as the
/// declared type is an <see cref="OAuthException"/> of type <see cref="OAuthErrorType.DeserializationFailed"/> carrying
/// the response. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResponseReader
{
    /// <summary>Throws <see cref="OAuthErrorType.HttpError"/> (with the response) unless the status is 2xx.</summary>
    public static void EnsureSuccess(OAuthResponse response, string appName)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode) throw ResponseErrors.HttpError(response, appName);
    }

    /// <summary>The body as text in its declared charset.</summary>
    public static string ReadString(OAuthResponse response) => response.Text;

    /// <summary>The body bytes as received.</summary>
    public static byte[] ReadBytes(OAuthResponse response) => response.RawData;

    /// <summary>The body as JSON, whatever Content-Type the server sent.</summary>
    public static JsonElement ReadJsonElement(OAuthResponse response)
    {
        if (TryData(response) is JsonElement element) return element;
        try
        {
            return ResponseBodyParser.ParseJson(response.RawData, response.Charset);
        }
        catch (JsonException e)
        {
            throw ResponseErrors.DeserializationFailed(response, nameof(JsonElement), e);
        }
    }

    /// <summary>
    /// The body as XML, whatever Content-Type the server sent (DTDs prohibited; elements nested at most
    /// <see cref="RemoteAppOptions.MaxXmlDepth"/> levels, deeper is <see cref="OAuthErrorType.InvalidResponse"/>).
    /// </summary>
    public static XElement ReadXElement(OAuthResponse response)
    {
        if (TryData(response) is XElement element) return element;
        try
        {
            return ResponseBodyParser.ParseXml(response.RawData, response.MaxXmlDepth);
        }
        catch (XmlException e)
        {
            throw ResponseErrors.DeserializationFailed(response, nameof(XElement), e);
        }
    }

    /// <summary>The body as form pairs, whatever Content-Type the server sent.</summary>
    public static FormData ReadFormData(OAuthResponse response) =>
        TryData(response) as FormData ?? FormData.Parse(response.Text);

    /// <summary>
    /// The body as <typeparamref name="T"/>, through source-generated metadata (AOT-safe), for a method whose return type
    /// is not nullable: a JSON <c>null</c> body is <see cref="OAuthErrorType.DeserializationFailed"/>, never a null the
    /// caller was told cannot happen.
    /// </summary>
    public static T ReadJson<T>(OAuthResponse response, JsonTypeInfo<T> typeInfo) =>
        ReadNullableJson(response, typeInfo) ?? throw ResponseErrors.NullBody(response, typeof(T).Name);

    /// <summary>
    /// The body as <typeparamref name="T"/>, through source-generated metadata (AOT-safe), for a method whose return type
    /// is nullable (<c>Task&lt;User?&gt;</c>): a JSON <c>null</c> body is <see langword="null"/>.
    /// </summary>
    public static T? ReadNullableJson<T>(OAuthResponse response, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonBody.TryRead(response.RawData, response.Charset, typeInfo, out var value, out var error)
            ? value
            : throw ResponseErrors.DeserializationFailed(response, typeof(T).Name, error!);
    }

    // A parse failure of the untyped Data (wrong Content-Type) must not hide a readable body: fall back to the raw bytes.
    private static object? TryData(OAuthResponse response)
    {
        try
        {
            return response.Data;
        }
        catch (OAuthException)
        {
            return null;
        }
    }
}
