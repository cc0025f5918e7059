using System.Linq;
using OAuthGen.Generator.Model;
using OAuthGen.Generator.Parsing;

namespace OAuthGen.Generator.Emitting;

internal static partial class Emitter
{
    private const string PairList = "global::System.Collections.Generic.List<global::System.Collections.Generic.KeyValuePair<string, string>>";

    private static void EmitEndpoint(SourceWriter writer, InterfaceModel model, EndpointModel endpoint)
    {
        var parameters = string.Join(", ", endpoint.Parameters.Select(p => p.Type + " " + p.Identifier));
        writer.OpenBlock($"async {endpoint.ReturnType} {endpoint.DeclaringInterface}.{endpoint.Name}({parameters})");

        var uri = $"this.ResolveUrl({PathExpression(endpoint)})";
        if (EmitPairs(writer, endpoint, ParameterKind.Query, "__query"))
        {
            uri = $"{Runtime}GeneratedRequest.AppendQuery({uri}, __query)";
        }
        writer.Line($"using var __request = new global::System.Net.Http.HttpRequestMessage({Parser.HttpMethodExpression(endpoint.HttpMethod)}, {uri});");

        if (EmitPairs(writer, endpoint, ParameterKind.Field, "__fields"))
        {
            writer.Line($"__request.Content = {Runtime}GeneratedRequest.FormContent(__fields, this.Options.Encoding);");
        }
        if (endpoint.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Body) is { Body: { } body } bodyParameter)
        {
            writer.Line($"__request.Content = {BodyExpression(model, bodyParameter, body)};");
        }

        foreach (var header in model.Headers.Concat(endpoint.Headers))
        {
            writer.Line($"{Runtime}GeneratedRequest.AddHeader(__request, {Parser.Literal(header.Name)}, {Parser.Literal(header.Value)});");
        }
        foreach (var header in endpoint.Parameters.Where(p => p.Kind == ParameterKind.Header))
        {
            writer.Line($"{Runtime}GeneratedRequest.AddHeader(__request, {Parser.Literal(header.Key!)}, {header.Identifier});");
        }

        var token = Argument(endpoint, ParameterKind.Token, "null");
        var tokenName = Argument(endpoint, ParameterKind.TokenName, "null");
        var cancellation = Argument(endpoint, ParameterKind.CancellationToken, "default");
        var contentType = endpoint.ResponseContentType is null ? "null" : Parser.Literal(endpoint.ResponseContentType);
        writer.Line($"var __response = await this.SendAsync(__request, token: {token}, tokenName: {tokenName}, responseContentType: {contentType}, cancellationToken: {cancellation}).ConfigureAwait(false);");
        EmitReturn(writer, model, endpoint.Return);
        writer.CloseBlock();
    }

    private static string PathExpression(EndpointModel endpoint)
    {
        if (endpoint.Path.Count == 0) return "\"\"";
        return string.Join(" + ", endpoint.Path.Select(part => part.IsParameter
            ? $"{Runtime}GeneratedRequest.PathSegment({part.Text}, {Parser.Literal(part.Text.TrimStart('@'))})"
            : Parser.Literal(part.Text)));
    }

    private static bool EmitPairs(SourceWriter writer, EndpointModel endpoint, ParameterKind kind, string variable)
    {
        var bound = endpoint.Parameters.Where(p => p.Kind == kind).ToList();
        if (bound.Count == 0) return false;
        writer.Line($"var {variable} = new {PairList}();");
        foreach (var parameter in bound)
        {
            writer.Line($"{Runtime}GeneratedRequest.AddPairs({variable}, {Parser.Literal(parameter.Key!)}, {parameter.Identifier});");
        }
        return true;
    }

    private static string BodyExpression(InterfaceModel model, ParameterModel parameter, BodyModel body)
    {
        if (!body.Typed)
        {
            var format = body.Json ? "global::OAuthGen.BodyFormat.Json" : "global::OAuthGen.BodyFormat.UrlEncoded";
            return $"{Runtime}GeneratedRequest.Content({parameter.Identifier}, {format}, this.Options)";
        }
        return model.JsonContext is { } context
            ? $"{Runtime}GeneratedRequest.JsonContent({parameter.Identifier}, {Runtime}JsonMetadata.GetTypeInfo<{parameter.Type}>({context}.Default))"
            : $"{Runtime}GeneratedRequest.JsonContent<{parameter.Type}>({parameter.Identifier}, this.Options.JsonSerializerOptions)";
    }

    private static string Argument(EndpointModel endpoint, ParameterKind kind, string fallback) =>
        endpoint.Parameters.FirstOrDefault(p => p.Kind == kind)?.Identifier ?? fallback;

    private static void EmitReturn(SourceWriter writer, InterfaceModel model, ReturnModel returns)
    {
        switch (returns.Kind)
        {
            case ReturnKind.Response:
                writer.Line("return __response;");
                break;
            case ReturnKind.None:
                writer.Line($"{Runtime}ResponseReader.EnsureSuccess(__response, this.Options.Name);");
                break;
            case ReturnKind.Value:
                writer.Line($"{Runtime}ResponseReader.EnsureSuccess(__response, this.Options.Name);");
                writer.Line($"return {ReadExpression(model, returns)};");
                break;
            case ReturnKind.TypedResponse:
                writer.Line($"return new global::OAuthGen.OAuthResponse<{returns.ValueType}>(__response, __response.IsSuccessStatusCode ? {ReadExpression(model, returns)} : default);");
                break;
        }
    }

    private static string ReadExpression(InterfaceModel model, ReturnModel returns) => returns.Value switch
    {
        ValueKind.String => $"{Runtime}ResponseReader.ReadString(__response)",
        ValueKind.Bytes => $"{Runtime}ResponseReader.ReadBytes(__response)",
        ValueKind.JsonElement => $"{Runtime}ResponseReader.ReadJsonElement(__response)",
        ValueKind.XElement => $"{Runtime}ResponseReader.ReadXElement(__response)",
        ValueKind.FormData => $"{Runtime}ResponseReader.ReadFormData(__response)",
        _ => model.JsonContext is { } context
            ? $"{Runtime}ResponseReader.ReadJson(__response, {Runtime}JsonMetadata.GetTypeInfo<{returns.ValueType}>({context}.Default))"
            : $"{Runtime}ResponseReader.ReadJson<{returns.ValueType}>(__response, this.Options.JsonSerializerOptions)",
    };
}
