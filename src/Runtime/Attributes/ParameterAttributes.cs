using System;

namespace OAuthGen;

/// <summary>Sends the parameter as a query parameter (the default for unattributed simple parameters).</summary>
/// <param name="name">The query name; the parameter name when omitted.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class QueryAttribute(string? name = null) : Attribute
{
    /// <summary>The query name, or <see langword="null"/> for the parameter's name.</summary>
    public string? Name { get; } = name;
}

/// <summary>Sends the parameter as a field of an <c>application/x-www-form-urlencoded</c> body.</summary>
/// <param name="name">The field name; the parameter name when omitted.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class FieldAttribute(string? name = null) : Attribute
{
    /// <summary>The field name, or <see langword="null"/> for the parameter's name.</summary>
    public string? Name { get; } = name;
}

/// <summary>Sends the parameter as the request body.</summary>
/// <param name="format">JSON (the default) or url-encoded pairs.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class BodyAttribute(BodyFormat format = BodyFormat.Json) : Attribute
{
    /// <summary>How the body is encoded.</summary>
    public BodyFormat Format { get; } = format;
}

/// <summary>Sends the parameter as a request header.</summary>
/// <param name="name">The header name.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class HeaderAttribute(string name) : Attribute
{
    /// <summary>The header name.</summary>
    public string Name { get; } = name;
}

/// <summary>The string parameter names the token to ask the token getter for (flask-oauthlib's named tokens).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class TokenNameAttribute : Attribute;
