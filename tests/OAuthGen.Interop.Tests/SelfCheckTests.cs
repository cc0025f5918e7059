using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>
/// peer/selfcheck.py drives every endpoint of the running peer with independent Python clients (oauthlib,
/// requests-oauthlib, Authlib's client): if it fails, the peer is broken and no C# interop failure can be trusted.
/// </summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class SelfCheckTests(AuthlibPeer peer)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_peer_passes_its_python_self_check()
    {
        var start = new ProcessStartInfo(DebianPackages.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AuthlibPeer.PeerDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AuthlibPeer.PeerDirectory, "selfcheck.py"));
        start.ArgumentList.Add("--base-url");
        start.ArgumentList.Add(peer.BaseUrl);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Timeout)) != exited)
        {
            process.Kill();
            Assert.Fail($"selfcheck.py did not finish within {Timeout.TotalSeconds:0} s:\n{await output}");
        }

        Assert.True(process.ExitCode == 0,
            $"selfcheck.py exited with {process.ExitCode}:\n{await output}\n{await errors}\nPeer stderr:\n{peer.RecentStderr}");
        Assert.Contains(" passed, 0 failed", await output);
    }
}
