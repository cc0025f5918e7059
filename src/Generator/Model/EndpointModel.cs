namespace OAuthGen.Generator.Model;

/// <summary>One interface method and the HTTP request it stands for.</summary>
/// <param name="DeclaringInterface">The <c>global::</c> name of the interface that declares the method (explicit implementation).</param>
/// <param name="Name">The method name as a C# identifier (with <c>@</c> when it is a keyword).</param>
/// <param name="Return">How the response becomes the return value.</param>
/// <param name="HttpMethod">The verb in upper case (<c>GET</c>...).</param>
/// <param name="Path">The path template, validated: every placeholder names a path parameter (<see cref="PathTemplate"/> splits it).</param>
/// <param name="ResponseContentType">The <c>[ContentType]</c> that forces the response parser, if any.</param>
/// <param name="Headers">Method-level <c>[Headers]</c>.</param>
/// <param name="Parameters">Every parameter, in declaration order.</param>
internal sealed record EndpointModel(
    string DeclaringInterface,
    string Name,
    ReturnModel Return,
    string HttpMethod,
    string Path,
    string? ResponseContentType,
    EquatableArray<HeaderModel> Headers,
    EquatableArray<ParameterModel> Parameters);

/// <summary>The return shape: the awaitable, what it carries, and how the body is read; also the declared return type.</summary>
/// <param name="IsValueTask">ValueTask rather than Task.</param>
/// <param name="Kind">Nothing, the raw response, a typed response, or the value itself.</param>
/// <param name="Value">How to read the body, when there is a value.</param>
/// <param name="ValueType">The value's type, <c>global::</c>-qualified (the <c>T</c> of <c>OAuthResponse&lt;T&gt;</c> or of <c>Task&lt;T&gt;</c>).</param>
/// <param name="IsTaskAnnotated">The task is declared nullable (<c>Task&lt;…&gt;?</c>).</param>
/// <param name="IsResponseAnnotated">The <c>OAuthResponse</c> it carries is declared nullable (<c>Task&lt;OAuthResponse?&gt;</c>).</param>
internal readonly record struct ReturnModel(bool IsValueTask, ReturnKind Kind, ValueKind Value, string? ValueType,
    bool IsTaskAnnotated = false, bool IsResponseAnnotated = false)
{
    /// <summary>The declared return type, as the implementation's signature must repeat it (<see cref="ValueType"/> carries its own <c>?</c>).</summary>
    public string TypeName()
    {
        var task = IsValueTask ? "global::System.Threading.Tasks.ValueTask" : "global::System.Threading.Tasks.Task";
        var response = IsResponseAnnotated ? "?" : "";
        var type = Kind switch
        {
            ReturnKind.None => task,
            ReturnKind.Response => task + "<global::OAuthGen.OAuthResponse" + response + ">",
            ReturnKind.TypedResponse => task + "<global::OAuthGen.OAuthResponse<" + ValueType + ">" + response + ">",
            _ => task + "<" + ValueType + ">",
        };
        return IsTaskAnnotated ? type + "?" : type;
    }
}

/// <summary>What a method's task carries.</summary>
internal enum ReturnKind
{
    /// <summary><c>Task</c>: success is checked, the body ignored.</summary>
    None,
    /// <summary><c>Task&lt;OAuthResponse&gt;</c>: never throws on HTTP status.</summary>
    Response,
    /// <summary><c>Task&lt;OAuthResponse&lt;T&gt;&gt;</c>: never throws on HTTP status; the value is read on 2xx.</summary>
    TypedResponse,
    /// <summary><c>Task&lt;T&gt;</c>: throws on non-2xx.</summary>
    Value,
}

/// <summary>How a response body is read as a value.</summary>
internal enum ValueKind
{
    None,
    String,
    Bytes,
    JsonElement,
    XElement,
    FormData,
    /// <summary>A type System.Text.Json deserializes.</summary>
    Json,
}
