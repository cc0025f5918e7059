using System.Collections.Generic;
using System.Linq;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Emitting;

internal static partial class Emitter
{
    private const string PairList = "List<KeyValuePair<string, string>>";

    /// <summary>
    /// The generated method's own locals, named so that no parameter of the user's can shadow or clash with them (CS0136),
    /// nor with each other: a pattern variable of an <c>if</c> statement is in scope for the whole method body.
    /// </summary>
    private sealed class Locals
    {
        private readonly HashSet<string> _taken;

        private Locals(HashSet<string> taken)
        {
            _taken = taken;
            Query = Pick("__query");
            Fields = Pick("__fields");
            Request = Pick("__request");
            Response = Pick("__response");
        }

        public string Query { get; }

        public string Fields { get; }

        public string Request { get; }

        public string Response { get; }

        public static Locals For(EndpointModel endpoint) =>
            new(new HashSet<string>(endpoint.Parameters.Select(p => p.Identifier.TrimStart('@'))));

        /// <summary><paramref name="name"/>, or it with underscores in front until it is free; then it is taken.</summary>
        public string Pick(string name)
        {
            while (!_taken.Add(name)) name = "_" + name;
            return name;
        }
    }

    private static void EmitEndpoint(SourceWriter writer, InterfaceModel model, EndpointModel endpoint)
    {
        var parameters = string.Join(", ", endpoint.Parameters.Select(p => ImplementationImports.Shorten(p.Type) + " " + p.Identifier));
        writer.OpenBlock($"async {ImplementationImports.Shorten(endpoint.Return.TypeName())} {endpoint.DeclaringInterface}.{endpoint.Name}({parameters})");
        var locals = Locals.For(endpoint);
        var request = locals.Request;

        // With query pairs, one call resolves the path and appends them: one URL string and one Uri per request.
        var uri = EmitPairs(writer, endpoint, ParameterKind.Query, locals, locals.Query)
            ? $"GeneratedRequest.ResolveUrl(this, {PathExpression(endpoint)}, {locals.Query})"
            : $"this.ResolveUrl({PathExpression(endpoint)})";
        writer.Line($"using var {request} = new HttpRequestMessage({CSharpText.HttpMethodExpression(endpoint.HttpMethod, "HttpMethod")}, {uri});");

        if (EmitPairs(writer, endpoint, ParameterKind.Field, locals, locals.Fields))
        {
            writer.Line($"{request}.Content = GeneratedRequest.FormContent({locals.Fields}, this.Settings.Encoding);");
        }
        if (FirstOfKind(endpoint, ParameterKind.Body) is { Body: { } body } bodyParameter)
        {
            writer.Line($"{request}.Content = {BodyExpression(model, bodyParameter, body)};");
        }

        foreach (var header in model.Headers.Concat(endpoint.Headers))
        {
            writer.Line($"GeneratedRequest.AddHeader({request}, {CSharpText.Literal(header.Name)}, {CSharpText.Literal(header.Value)});");
        }
        foreach (var header in endpoint.Parameters)
        {
            if (header.Kind == ParameterKind.Header) EmitHeader(writer, locals, request, header);
        }

        var arguments = SendArguments(endpoint);
        if (endpoint.Return is { Kind: ReturnKind.Value, Value: ValueKind.Json } returns)
        {
            // A value read as JSON skips the OAuthResponse on success: the runtime deserializes straight from the body.
            var send = IsNullableValue(returns) ? "SendForNullableJsonAsync" : "SendForJsonAsync";
            writer.Line($"return await this.{send}({request}, {TypeInfoExpression(model, returns.ValueType!)}{arguments}).ConfigureAwait(false);");
        }
        else
        {
            writer.Line($"var {locals.Response} = await this.SendAsync({request}{arguments}).ConfigureAwait(false);");
            EmitReturn(writer, model, endpoint.Return, locals.Response);
        }
        writer.CloseBlock();
    }

    /// <summary>
    /// The named arguments after the request (and type info) that differ from the send method's defaults, each with its
    /// leading comma: the defaults are left for the compiler to fill in rather than written out for it to parse.
    /// </summary>
    private static string SendArguments(EndpointModel endpoint)
    {
        var arguments = "";
        if (FirstOfKind(endpoint, ParameterKind.Token) is { } token) arguments += ", token: " + token.Identifier;
        if (FirstOfKind(endpoint, ParameterKind.TokenName) is { } tokenName) arguments += ", tokenName: " + tokenName.Identifier;
        if (endpoint.ResponseContentType is { } contentType) arguments += ", responseContentType: " + CSharpText.Literal(contentType);
        if (FirstOfKind(endpoint, ParameterKind.CancellationToken) is { } cancellation) arguments += ", cancellationToken: " + cancellation.Identifier;
        return arguments;
    }

    private static string PathExpression(EndpointModel endpoint)
    {
        var segments = new List<PathSegment>();
        PathTemplate.Parse(endpoint.Path, segments);
        if (segments.Count == 0) return "\"\"";
        return string.Join(" + ", segments.Select(segment => segment.IsPlaceholder
            ? PathSegmentExpression(PathParameter(endpoint, segment.Text(endpoint.Path)))
            : CSharpText.Literal(segment.Text(endpoint.Path))));
    }

    /// <summary>The parameter that fills the placeholder <paramref name="name"/> (the parser checked there is one).</summary>
    private static ParameterModel PathParameter(EndpointModel endpoint, string name)
    {
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.Kind == ParameterKind.Path && parameter.Key == name) return parameter;
        }
        throw new System.InvalidOperationException($"No parameter fills {{{name}}}.");
    }

    private static bool EmitPairs(SourceWriter writer, EndpointModel endpoint, ParameterKind kind, Locals locals, string variable)
    {
        if (FirstOfKind(endpoint, kind) is null) return false;
        // Sized for one pair per scalar, so the list never regrows (4, then 8... entries of 16 bytes each) while it fills;
        // a sequence's length is only known at run time, so then the list grows as usual.
        var scalars = 0;
        var sequences = false;
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.Kind != kind) continue;
            if (parameter.Value!.Value.IsSequence) sequences = true;
            else scalars++;
        }
        writer.Line($"var {variable} = new {PairList}({(sequences ? "" : scalars.ToString(System.Globalization.CultureInfo.InvariantCulture))});");
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.Kind == kind) EmitPair(writer, locals, variable, parameter);
        }
        return true;
    }

    private static string BodyExpression(InterfaceModel model, ParameterModel parameter, BodyModel body)
    {
        if (!body.Typed)
        {
            var format = body.Json ? "global::OAuthGen.BodyFormat.Json" : "global::OAuthGen.BodyFormat.UrlEncoded";
            return $"GeneratedRequest.Content({parameter.Identifier}, {format}, this.Settings)";
        }
        return $"GeneratedRequest.JsonContent({parameter.Identifier}, {TypeInfoExpression(model, parameter.Type)})";
    }

    // Plain loops: the emitter runs per endpoint, and LINQ over the model's arrays would cost a closure and a boxed
    // enumerator per call.
    private static ParameterModel? FirstOfKind(EndpointModel endpoint, ParameterKind kind)
    {
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.Kind == kind) return parameter;
        }
        return null;
    }

    private static void EmitReturn(SourceWriter writer, InterfaceModel model, ReturnModel returns, string response)
    {
        switch (returns.Kind)
        {
            case ReturnKind.Response:
                writer.Line($"return {response};");
                break;
            case ReturnKind.None:
                writer.Line($"ResponseReader.EnsureSuccess({response}, this.Settings.Name);");
                break;
            case ReturnKind.Value:
                writer.Line($"ResponseReader.EnsureSuccess({response}, this.Settings.Name);");
                writer.Line($"return {ReadExpression(model, returns, response)};");
                break;
            case ReturnKind.TypedResponse:
                writer.Line($"return new global::OAuthGen.OAuthResponse<{ImplementationImports.Shorten(returns.ValueType!)}>({response}, {response}.IsSuccessStatusCode ? {ReadExpression(model, returns, response)} : default);");
                break;
        }
    }

    private static string ReadExpression(InterfaceModel model, ReturnModel returns, string response) => returns.Value switch
    {
        ValueKind.String => $"ResponseReader.ReadString({response})",
        ValueKind.Bytes => $"ResponseReader.ReadBytes({response})",
        ValueKind.JsonElement => $"ResponseReader.ReadJsonElement({response})",
        ValueKind.XElement => $"ResponseReader.ReadXElement({response})",
        ValueKind.FormData => $"ResponseReader.ReadFormData({response})",
        _ => IsNullableValue(returns)
            ? $"ResponseReader.ReadNullableJson({response}, {TypeInfoExpression(model, returns.ValueType!)})"
            : $"ResponseReader.ReadJson({response}, {TypeInfoExpression(model, returns.ValueType!)})",
    };

    // A declared T? (the model's type names carry the annotation) lets a JSON null through; a plain T refuses it.
    private static bool IsNullableValue(ReturnModel returns) => returns.ValueType!.EndsWith("?", System.StringComparison.Ordinal);

    private static string TypeInfoExpression(InterfaceModel model, string type) => model.JsonContext is { } context
        ? $"JsonMetadata.GetTypeInfo<{ImplementationImports.Shorten(type)}>({context}.Default)"
        : $"JsonMetadata.GetTypeInfo<{ImplementationImports.Shorten(type)}>(this.Settings.JsonSerializerOptions)";
}
