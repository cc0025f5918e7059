using System;
using System.IO;

namespace OAuthGen.Docs.Tests;

/// <summary>Files of the repository the tests read (the build output sits below its root).</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "OAuthGen.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("OAuthGen.sln not found above " + AppContext.BaseDirectory);
    }
}
