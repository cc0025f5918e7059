namespace OAuthGen.Generator.Model;

/// <summary>One method parameter and where its value goes.</summary>
/// <param name="Identifier">The parameter name as a C# identifier (with <c>@</c> when it is a keyword).</param>
/// <param name="Type">The declared type, <c>global::</c>-qualified with nullable annotations.</param>
/// <param name="Kind">Where the value goes.</param>
/// <param name="Key">The query, field or header name (the placeholder name for path parameters).</param>
/// <param name="Body">How a body parameter is written.</param>
/// <param name="Value">How a path, query, field or header value becomes text (null for the other kinds).</param>
internal sealed record ParameterModel(string Identifier, string Type, ParameterKind Kind, string? Key, BodyModel? Body, ValueModel? Value = null);

/// <summary>Where a parameter's value goes.</summary>
internal enum ParameterKind
{
    Path,
    Query,
    Field,
    Body,
    Header,
    TokenName,
    Token,
    CancellationToken,
}

/// <summary>How a <c>[Body]</c> is written.</summary>
/// <param name="Json">JSON rather than url-encoded.</param>
/// <param name="Typed">Serialized by System.Text.Json as its declared type (a POCO); otherwise sent through the runtime as it is.</param>
internal readonly record struct BodyModel(bool Json, bool Typed);
