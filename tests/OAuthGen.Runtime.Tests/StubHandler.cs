using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests;

/// <summary>An in-memory HTTP server: records every request (with its body) and answers with a scripted response.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, HttpResponseMessage> _respond;

    public StubHandler(Func<RecordedRequest, HttpResponseMessage> respond) => _respond = respond;

    public List<RecordedRequest> Requests { get; } = [];

    public static HttpResponseMessage Respond(string body, string? contentType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null) response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(), body, request);
        lock (Requests) Requests.Add(recorded);
        return _respond(recorded);
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, byte[]? Body, HttpRequestMessage Message)
{
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
