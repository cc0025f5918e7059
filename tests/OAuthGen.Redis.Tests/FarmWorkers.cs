using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Redis.FarmWorker;

namespace OAuthGen.Redis.Tests;

/// <summary>
/// Servers of a test farm: each a separate process (<c>dotnet OAuthGen.Redis.FarmWorker.dll</c>) with its own memory,
/// in-process refresh flights and Redis connection. All are started, wait until every one is READY, then get GO at once.
/// </summary>
internal static class FarmWorkers
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly string WorkerPath = Path.Combine(AppContext.BaseDirectory, "OAuthGen.Redis.FarmWorker.dll");

    /// <summary>Runs <paramref name="count"/> servers in <paramref name="mode"/>, each given <paramref name="input"/> before GO.</summary>
    public static async Task<IReadOnlyList<FarmResult>> RunAsync(FarmFixture farm, string mode, int count, int calls, params string[] input)
    {
        using var run = await StartAsync(farm, mode, count, calls, input);
        return await run.ResultsAsync();
    }

    /// <summary>
    /// Starts <paramref name="count"/> servers in <paramref name="mode"/> and gives them GO; the test then talks to them
    /// (<see cref="Run.SendAsync"/>) while they work, and collects their results.
    /// </summary>
    public static async Task<Run> StartAsync(FarmFixture farm, string mode, int count, int calls, params string[] input)
    {
        var workers = Enumerable.Range(0, count).Select(_ => Start(farm, mode, calls)).ToList();
        var run = new Run(workers);
        try
        {
            foreach (var worker in workers) await worker.WaitForAsync("READY");
            foreach (var worker in workers)
            {
                foreach (var line in input) await worker.Process.StandardInput.WriteLineAsync(line);
            }
            // GO as close together as the pipes allow.
            await Task.WhenAll(workers.Select(w => w.Process.StandardInput.WriteLineAsync("GO")));
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Servers at work; disposing stops whatever still runs.</summary>
    internal sealed class Run(IReadOnlyList<Worker> workers) : IDisposable
    {
        /// <summary>Sends <paramref name="line"/> to every server.</summary>
        public Task SendAsync(string line) => Task.WhenAll(workers.Select(async w =>
        {
            await w.Process.StandardInput.WriteLineAsync(line);
            await w.Process.StandardInput.FlushAsync();
        }));

        /// <summary>Each server's RESULT line, in start order.</summary>
        public async Task<IReadOnlyList<FarmResult>> ResultsAsync()
        {
            var results = new List<FarmResult>();
            foreach (var worker in workers)
            {
                var line = await worker.WaitForAsync("RESULT ");
                results.Add(JsonSerializer.Deserialize(line["RESULT ".Length..], FarmJson.Default.FarmResult)!);
            }
            return results;
        }

        public void Dispose()
        {
            foreach (var worker in workers) worker.Stop();
        }
    }

    private static Worker Start(FarmFixture farm, string mode, int calls)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerPath, mode, farm.Peer.BaseUrl, farm.Redis.WorkerConfiguration, farm.KeyDirectory,
            calls.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        return new Worker(Process.Start(start)!);
    }

    internal sealed class Worker
    {
        private readonly StringBuilder _stderr = new();

        public Worker(Process process)
        {
            Process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_stderr)
                {
                    if (_stderr.Length < 8000) _stderr.AppendLine(e.Data);
                }
            };
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public async Task<string> WaitForAsync(string prefix)
        {
            var reading = Task.Run(async () =>
            {
                while (await Process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
                }
                return null;
            });
            if (await Task.WhenAny(reading, Task.Delay(Timeout)) != reading || await reading is not { } found)
            {
                string stderr;
                lock (_stderr) stderr = _stderr.ToString();
                throw new InvalidOperationException($"A farm worker printed no '{prefix.Trim()}' line. Its stderr:\n{stderr}");
            }
            return found;
        }

        public void Stop()
        {
            try
            {
                if (!Process.HasExited && !Process.WaitForExit(5000)) Process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            Process.Dispose();
        }
    }
}
