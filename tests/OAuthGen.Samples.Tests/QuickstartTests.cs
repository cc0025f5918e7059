using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Tests;

/// <summary>README's first command: the Quickstart runs every flow against the embedded provider and exits 0.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Quickstart_runs_every_flow_offline_and_exits_zero()
    {
        var (exitCode, output, error) = await RunQuickstartAsync();

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{error}");
        Assert.Equal("", error);
        Assert.Contains("Test provider (OAuthGen.Testing) listening on http://127.0.0.1:", output);
        Assert.Contains("OAuth 1.0a with the generated IDemoOAuth1", output);
        Assert.Contains("screen_name=demo", output);
        Assert.Contains("api/me -> Demo User (@demo), HMAC-SHA1 signature verified", output);
        Assert.Contains("message=\"hello from OAuthGen\"", output);
        Assert.Contains("OAuth 2.0 with the generated IDemoOAuth2", output);
        Assert.Contains("code_challenge_method=S256", output);
        Assert.Contains("api/me -> Demo User <demo@example.test>, bearer token accepted", output);
        Assert.Contains("the client refreshed it first", output);
        Assert.Contains("code replayed   refused (pending_authorization_used) by the client before anything was sent", output);
        Assert.Contains("IsDenied, error=access_denied", output);
        Assert.Contains("All steps passed.", output);
    }

    [Fact]
    public async Task Quickstart_transcript_never_shows_a_whole_credential()
    {
        var (_, output, _) = await RunQuickstartAsync();

        Assert.DoesNotContain(OAuthGen.Samples.Quickstart.Program.OAuth1ConsumerSecret, output);
        Assert.DoesNotContain(OAuthGen.Samples.Quickstart.Program.OAuth2ClientSecret, output);
        // Every token, code, state and challenge is cut to four characters and an ellipsis.
        foreach (var name in new[] { "oauth_token=", "oauth_verifier=", "code=", "state=", "code_challenge=" })
        {
            var at = output.IndexOf(name, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{name} is not in the transcript");
            var value = output[(at + name.Length)..].Split('&', ' ', '\n')[0];
            Assert.True(value.Length == 5 && value.EndsWith('…'), $"{name}{value} is not shortened");
        }
    }

    /// <summary>Runs the built Quickstart as its own process, exactly as <c>dotnet run</c> would, and returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunQuickstartAsync()
    {
        var assembly = typeof(OAuthGen.Samples.Quickstart.Program).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
