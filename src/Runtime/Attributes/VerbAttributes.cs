using System;

namespace OAuthGen;

/// <summary>Sends the method as an HTTP GET to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class GetAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Sends the method as an HTTP POST to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class PostAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Sends the method as an HTTP PUT to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class PutAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Sends the method as an HTTP PATCH to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class PatchAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Sends the method as an HTTP DELETE to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class DeleteAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}

/// <summary>Sends the method as an HTTP HEAD to <paramref name="path"/> (relative to the BaseUrl; <c>{name}</c> placeholders bind same-named parameters).</summary>
/// <param name="path">A constant path or absolute URL.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class HeadAttribute(string path) : Attribute
{
    /// <summary>The path template.</summary>
    public string Path { get; } = path;
}
