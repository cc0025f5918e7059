using System;

namespace OAuthGen;

/// <summary>Forces how this endpoint's response is parsed, whatever Content-Type the server sends.</summary>
/// <param name="mediaType">The media type to parse as, e.g. <c>application/json</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ContentTypeAttribute(string mediaType) : Attribute
{
    /// <summary>The media type to parse as.</summary>
    public string MediaType { get; } = mediaType;
}

/// <summary>Constant headers for this endpoint, each as <c>"Name: value"</c>.</summary>
/// <param name="headers">The headers.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class HeadersAttribute(params string[] headers) : Attribute
{
    /// <summary>The headers, each as <c>"Name: value"</c>.</summary>
    public string[] Headers { get; } = headers;
}
