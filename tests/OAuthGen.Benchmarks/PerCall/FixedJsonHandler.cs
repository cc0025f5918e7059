using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>
/// The in-memory server every per-call benchmark talks to: it writes the request body out (as a socket would,
/// so lazily serialized bodies are paid for) and answers 200 with the same JSON body each time.
/// It keeps the last request's wire facts so tests can check that the compared clients send the same request.
/// </summary>
public sealed class FixedJsonHandler : HttpMessageHandler
{
    /// <summary>The fixed response body.</summary>
    public const string Json = """
        {"id":583231,"login":"octocat","name":"The Octocat","email":"octocat@github.com","html_url":"https://github.com/octocat","public_repos":8,"followers":20190,"site_admin":false,"created_at":"2011-01-25T18:44:36Z"}
        """;

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Json);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    /// <summary>When set, records the method, URI, Authorization header and body of each request.</summary>
    public bool Record { get; init; }

    /// <summary>The last request seen (only when <see cref="Record"/>).</summary>
    public RecordedRequest? Last { get; private set; }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is { } content)
        {
            if (Record)
            {
                body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }
        if (Record)
        {
            Last = new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.MediaType, body);
        }
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
        response.Content.Headers.ContentType = JsonType;
        return response;
    }
}

/// <summary>What reached the in-memory server.</summary>
public sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ContentType, string? Body);
