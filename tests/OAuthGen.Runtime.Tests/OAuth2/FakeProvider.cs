using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>An in-memory OAuth 2.0 provider: routes by URL path, records every request, answers asynchronously.</summary>
public sealed class FakeProvider : HttpMessageHandler
{
    public const string AuthorizeUrl = "https://auth.example.com/oauth/authorize";
    public const string TokenUrl = "https://auth.example.com/oauth/token";
    public const string RevocationUrl = "https://auth.example.com/oauth/revoke";
    public const string ApiUrl = "https://api.example.com/v1/";
    public const string ClientId = "client-id-1";
    public const string ClientSecret = "s3cr3t+client/secret";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, Task<HttpResponseMessage>>> _routes = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers requests to <paramref name="url"/> (query ignored).</summary>
    public FakeProvider On(string url, Func<RecordedRequest, HttpResponseMessage> respond) =>
        On(url, request => Task.FromResult(respond(request)));

    public FakeProvider On(string url, Func<RecordedRequest, Task<HttpResponseMessage>> respond)
    {
        _routes[new Uri(url).GetLeftPart(UriPartial.Path)] = respond;
        return this;
    }

    /// <summary>The token endpoint answers this JSON with 200.</summary>
    public FakeProvider OnToken(string json) => On(TokenUrl, _ => StubHandler.Respond(json));

    /// <summary>The API answers 200 for <paramref name="accessToken"/> and 401 for anything else.</summary>
    public FakeProvider OnApi(string path, string accessToken) => On(ApiUrl + path, request =>
        request.Authorization == $"Bearer {accessToken}"
            ? StubHandler.Respond("{\"ok\":true}")
            : StubHandler.Respond("{\"error\":\"invalid_token\"}", status: HttpStatusCode.Unauthorized));

    public IReadOnlyList<RecordedRequest> To(string url) =>
        [.. _requests.Where(r => r.Uri.GetLeftPart(UriPartial.Path) == new Uri(url).GetLeftPart(UriPartial.Path))];

    public HttpClient Client() => new(this, disposeHandler: false);

    /// <summary>An OAuth 2.0 app against this provider, with a name no other test uses (the runtime's caches are process-wide).</summary>
    public RemoteApp App(Action<RemoteAppOptions>? configure = null) => new(Client(), Options(configure));

    public static RemoteAppOptions Options(Action<RemoteAppOptions>? configure = null)
    {
        var options = new RemoteAppOptions
        {
            Name = "test-" + Guid.NewGuid().ToString("N"),
            BaseUrl = ApiUrl,
            ConsumerKey = ClientId,
            ConsumerSecret = ClientSecret,
            AuthorizeUrl = AuthorizeUrl,
            AccessTokenUrl = TokenUrl,
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        };
        configure?.Invoke(options);
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(), body, request);
        _requests.Enqueue(recorded);
        return _routes.TryGetValue(request.RequestUri!.GetLeftPart(UriPartial.Path), out var respond)
            ? await respond(recorded)
            : StubHandler.Respond("<html><body>Not Found</body></html>", "text/html", HttpStatusCode.NotFound);
    }
}

/// <summary>A token store that records what was saved, in order.</summary>
public sealed class MemoryTokenStore(OAuthToken? initial) : ITokenStore
{
    private OAuthToken? _token = initial;

    public ConcurrentQueue<OAuthToken> Saved { get; } = new();

    public OAuthToken? Current => Volatile.Read(ref _token);

    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Current);

    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        Saved.Enqueue(token);
        Volatile.Write(ref _token, token);
        return ValueTask.CompletedTask;
    }
}

internal static class FormExtensions
{
    /// <summary>The request's form body or query, decoded.</summary>
    public static FormData Form(this RecordedRequest request) =>
        FormData.Parse(request.Method == HttpMethod.Get ? request.Uri.Query : request.BodyText);

    public static FormData Query(this Uri uri) => FormData.Parse(uri.Query);

    public static FakeTimeProvider Clock(this RemoteApp app) => (FakeTimeProvider)app.Options.TimeProvider;
}
