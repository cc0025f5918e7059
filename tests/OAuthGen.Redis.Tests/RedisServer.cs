using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Interop.Tests;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port, without persistence (a restart starts empty, the worst case),
/// started and stopped by its own pid. Tests stop and restart it to play an outage.
/// </summary>
public sealed class RedisServer : IDisposable
{
    /// <summary>Debian's server (package redis-server; test.sh installs it).</summary>
    public const string Executable = "/usr/bin/redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public RedisServer()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run ./test.sh as root, or apt-get install -y redis-server");
        }
        Port = FreePort();
        Start();
    }

    /// <summary>The port it listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string; short timeouts, so an outage shows within a test.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1";

    /// <summary>
    /// The configuration string with the client's default (5 s) timeouts, for the worker processes (a thousand concurrent
    /// calls on a loaded machine may take Redis longer than the fault tests' 1 s to answer) and for tests that cut the
    /// connection themselves rather than through Redis, whose setup must not fail on a slow first connect.
    /// </summary>
    public string WorkerConfiguration => $"127.0.0.1:{Port}";

    /// <summary>Whether it is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts it (again), empty, and waits until it answers PING.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--enable-debug-command", "local", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!Answers("PING", "+PONG"))
        {
            if (_process.HasExited || waited.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {Output}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Stops it by its pid (SIGTERM; it saves nothing) and waits for it to exit.</summary>
    public void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited && !(ProcessSignals.Terminate(_process) && _process.WaitForExit(5000)))
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

    /// <summary>Makes the server unresponsive for <paramref name="duration"/> (<c>DEBUG SLEEP</c>): a slow Redis.</summary>
    public Task SleepAsync(TimeSpan duration) => Task.Run(() => Answers(
        $"DEBUG SLEEP {duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "+OK", duration + TimeSpan.FromSeconds(5)));

    /// <summary>Sends one inline command and checks the reply's start (RESP), without any client library.</summary>
    public bool Answers(string command, string expected, TimeSpan? timeout = null)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            client.ReceiveTimeout = (int)(timeout ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
            var stream = client.GetStream();
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[256];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith(expected, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>Every key's raw value, for checks of what is stored at rest (<c>KEYS</c> + <c>GET</c>, fine on a test server).</summary>
    public string Dump()
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        // A Lua script returns every string value (and hash fields) in one reply.
        const string script = "local out = {} for _, k in ipairs(redis.call('KEYS', '*')) do table.insert(out, k) " +
            "local t = redis.call('TYPE', k)['ok'] if t == 'string' then table.insert(out, redis.call('GET', k)) " +
            "elseif t == 'hash' then for _, v in ipairs(redis.call('HGETALL', k)) do table.insert(out, v) end end end return out";
        var command = $"*3\r\n$4\r\nEVAL\r\n${Encoding.UTF8.GetByteCount(script)}\r\n{script}\r\n$1\r\n0\r\n";
        stream.Write(Encoding.UTF8.GetBytes(command));
        var text = new StringBuilder();
        var buffer = new byte[65536];
        client.ReceiveTimeout = 500;
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0) text.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        catch (IOException)
        {
            // No more data within the timeout: the reply is complete.
        }
        return text.ToString();
    }

    public void Dispose() => Stop();

    private string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 8000) _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
