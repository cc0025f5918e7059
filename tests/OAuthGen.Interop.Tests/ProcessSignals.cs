using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OAuthGen.Interop.Tests;

/// <summary>SIGTERM for a child process: Process.Kill sends SIGKILL, which gives the peer no chance to shut down cleanly.</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="process"/> (by its own pid) to terminate; false if the signal could not be sent.</summary>
    public static bool Terminate(Process process) => kill(process.Id, SigTerm) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
