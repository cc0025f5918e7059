using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.Pipeline;

/// <summary>Headers from callers, options and token stores, checked on the raw bytes a loopback socket receives.</summary>
public sealed class HeaderInjectionTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _received = [];
    private Task? _serving;
    private readonly CancellationTokenSource _stop = new();

    private string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _serving!; } catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        _stop.Dispose();
    }

    /// <summary>Reads each request's head as bytes and answers 200, one connection per request.</summary>
    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var head = new List<byte>();
            var buffer = new byte[4096];
            while (!EndsHead(head))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) break;
                head.AddRange(buffer.AsSpan(0, read));
            }
            lock (_received) _received.Add(Encoding.Latin1.GetString(head.ToArray()));
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8.ToArray(), SocketFlags.None);
        }
    }

    private static bool EndsHead(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    private RemoteApp App(Action<RemoteAppOptions>? configure = null)
    {
        var options = new RemoteAppOptions
        {
            Name = "raw-" + Guid.NewGuid().ToString("N"),
            BaseUrl = BaseUrl,
            AccessTokenUrl = BaseUrl + "token",
            ConsumerKey = "id",
            ConsumerSecret = "secret",
            TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("token-ok"),
        };
        configure?.Invoke(options);
        return new RemoteApp(new HttpClient(new SocketsHttpHandler()), options);
    }

    private string[] Received
    {
        get { lock (_received) return [.. _received]; }
    }

    [Theory]
    [InlineData("X-Trace", "a\r\nX-Injected: 1")]
    [InlineData("X-Trace", "a\nX-Injected: 1")]
    [InlineData("X-Trace", "a\0b")]
    [InlineData("X-Trace: x\r\nX-Injected", "1")]
    [InlineData("X Trace", "1")]
    [InlineData("", "1")]
    public async Task A_header_that_would_inject_a_line_is_refused_before_anything_is_sent(string name, string value)
    {
        var app = App();

        await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("me", headers: new Dictionary<string, string> { [name] = value }));

        Assert.Empty(Received);
    }

    [Fact]
    public async Task A_valid_header_reaches_the_wire_as_one_line()
    {
        var app = App();

        var response = await app.GetAsync("me", headers: new Dictionary<string, string> { ["X-Trace"] = "a\tb c" });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var head = Assert.Single(Received);
        Assert.Contains("\r\nX-Trace: a\tb c\r\n", head);
        Assert.Contains("\r\nAuthorization: Bearer token-ok\r\n", head);
    }

    [Fact]
    public async Task An_explicit_token_with_a_line_break_is_an_argument_error_and_sends_nothing()
    {
        var app = App();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => app.GetAsync("me", token: new OAuthToken("abc\r\nX-Injected: 1")));

        Assert.DoesNotContain("X-Injected", error.Message);
        Assert.Empty(Received);
    }

    [Fact]
    public async Task A_stored_token_with_a_line_break_is_a_typed_error_and_sends_nothing()
    {
        var app = App(options => options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>("abc\r\nX-Injected: 1"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));

        Assert.Equal(OAuthErrorType.InvalidToken, error.Type);
        Assert.DoesNotContain("X-Injected", error.Message);
        Assert.Empty(Received);
    }

    [Fact]
    public void Access_token_headers_that_would_inject_a_line_are_refused_when_the_app_is_created()
    {
        var error = Assert.Throws<OAuthException>(() => App(options => options.AccessTokenHeaders["X-Trace"] = "a\r\nX-Injected: 1"));

        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("AccessTokenHeaders", error.Message);
    }
}
