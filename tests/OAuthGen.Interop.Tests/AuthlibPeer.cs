using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// The live OAuth provider the interop tests talk to: peer/provider.py on Debian's Authlib 1.2.0 (endpoints, test
/// clients and automation hooks are in peer/README.md). Started once per collection on a free loopback port, and
/// stopped by its own pid when the collection ends.
/// </summary>
public sealed class AuthlibPeer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private const int StderrLimit = 16_000;

    private readonly StringBuilder _stderr = new();
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false });
    private Process? _process;

    /// <summary>The peer's base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c> (also its RFC 8414 issuer).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The directory holding provider.py, selfcheck.py and keys/ (copied next to the test assembly).</summary>
    public static string PeerDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "peer");

    /// <summary>The absolute URL of <paramref name="path"/> on the peer (<c>"/api/me"</c> or <c>"api/me"</c>).</summary>
    public string Url(string path) => BaseUrl + "/" + path.TrimStart('/');

    /// <summary>A file shipped with the peer, e.g. <c>keys/oauth1-rsa-private.pem</c> (the test RSA key of client o1-rsa).</summary>
    public static string ReadPeerFile(string relativePath) => File.ReadAllText(Path.Combine(PeerDirectory, relativePath));

    /// <summary>
    /// Plays the user at an authorize URL (OAuth 1 or 2, as the client built it): approves or denies as
    /// <paramref name="user"/> through the peer's <c>X-Auto-Consent</c> hook and returns the callback URL the peer
    /// redirects to (with <c>code</c>/<c>state</c>, <c>oauth_token</c>/<c>oauth_verifier</c>, or <c>error=access_denied</c>).
    /// </summary>
    public async Task<Uri> ConsentAsync(string authorizationUrl, bool approve = true, string user = "alice")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, authorizationUrl);
        request.Headers.Add("X-Auto-Consent", approve ? "approve" : "deny");
        request.Headers.Add("X-Auto-User", user);
        using var response = await _browser.SendAsync(request).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location is null)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The peer did not redirect from {authorizationUrl}: {(int)response.StatusCode} {body}");
        }
        return response.Headers.Location;
    }

    /// <summary>The tail of what the peer wrote to stderr (tracebacks land here), for failure messages.</summary>
    public string RecentStderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        DebianPackages.EnsureInstalled();

        var start = new ProcessStartInfo(DebianPackages.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PeerDirectory,
        };
        start.ArgumentList.Add(Path.Combine(PeerDirectory, "provider.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--quiet");
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONUNBUFFERED"] = "1";

        // Completes with the READY line's URL, or null when stdout closes first (the peer died).
        var ready = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) ready.TrySetResult(null);
            else if (e.Data.StartsWith("READY ", StringComparison.Ordinal)) ready.TrySetResult(e.Data["READY ".Length..].Trim());
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
                if (_stderr.Length > StderrLimit) _stderr.Remove(0, _stderr.Length - StderrLimit);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var finished = await Task.WhenAny(ready.Task, Task.Delay(StartTimeout)).ConfigureAwait(false);
        if (finished != ready.Task)
        {
            Stop();
            throw new TimeoutException(
                $"The Authlib peer (peer/provider.py) printed no READY line within {StartTimeout.TotalSeconds:0} s. Its stderr:\n{RecentStderr}");
        }
        var url = await ready.Task.ConfigureAwait(false);
        if (url is null)
        {
            _process.WaitForExit(); // drains stderr
            throw new InvalidOperationException(
                $"The Authlib peer (peer/provider.py) exited with code {_process.ExitCode} before it was ready. Its stderr:\n{RecentStderr}");
        }
        BaseUrl = url.TrimEnd('/');
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _browser.Dispose();
        Stop();
        return Task.CompletedTask;
    }

    private void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited && !(ProcessSignals.Terminate(_process) && _process.WaitForExit(StopTimeout)))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _process = null;
    }
}
