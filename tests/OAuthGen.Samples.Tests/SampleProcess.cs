using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Tests;

/// <summary>
/// A built sample run as its own process (<c>dotnet OAuthGen.Samples.X.dll</c>) from its own output folder, with the
/// environment given and Kestrel on 127.0.0.1 and a free port. Disposing kills it.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process) => _process = process;

    /// <summary>Everything the sample printed so far (stdout and stderr).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static SampleProcess Start(string sample, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var assembly = SampleAssembly(sample);
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Production: no user secrets from this machine, only what the test passes.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var sampleProcess = new SampleProcess(new Process { StartInfo = start });
        sampleProcess._process.OutputDataReceived += (_, line) => sampleProcess.Record(line.Data);
        sampleProcess._process.ErrorDataReceived += (_, line) => sampleProcess.Record(line.Data);
        sampleProcess._process.Start();
        sampleProcess._process.BeginOutputReadLine();
        sampleProcess._process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>The address Kestrel reports once it listens.</summary>
    public async Task<Uri> ListeningAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exited = _process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(_listening.Task, exited);
        if (first != _listening.Task) throw new Xunit.Sdk.XunitException($"the sample did not start listening:\n{Output}");
        return await _listening.Task;
    }

    /// <summary>Waits (at most 60 s) until the sample printed a line containing <paramref name="text"/>, and returns that line.</summary>
    public async Task<string> LineContainingAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            foreach (var line in Output.Split('\n'))
            {
                if (line.Contains(text, StringComparison.Ordinal)) return line.TrimEnd('\r');
            }
            if (_process.HasExited || timeout.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"the sample printed no line with '{text}':\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the sample to stop by itself and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        const string marker = "Now listening on: ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0) _listening.TrySetResult(new Uri(line[(at + marker.Length)..].Trim().TrimEnd('/') + "/"));
    }

    /// <summary>samples/X/bin/&lt;configuration&gt;/&lt;tfm&gt;/OAuthGen.Samples.X.dll, built with the same configuration as the tests.</summary>
    private static string SampleAssembly(string sample)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OAuthGen.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("OAuthGen.sln not found above " + AppContext.BaseDirectory);
        var assembly = Path.Combine(root.FullName, "samples", sample, "bin", configuration, tfm, $"OAuthGen.Samples.{sample}.dll");
        return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the sample first.", assembly);
    }

    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
