using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OAuthGen.Docs.Tests;

/// <summary>The kind of project a complete program is written for, as <c>dotnet new</c> creates it.</summary>
public enum ProgramKind
{
    /// <summary><c>dotnet new console</c>: Microsoft.NET.Sdk.</summary>
    Console,

    /// <summary><c>dotnet new web</c>: Microsoft.NET.Sdk.Web (the ASP.NET Core shared framework).</summary>
    Web,

    /// <summary>
    /// A test file of <c>dotnet new xunit</c> plus <c>dotnet add package OAuthGen.Testing</c>: every test block of one page
    /// is a file of the same test project, so a later block may use what an earlier one declares.
    /// </summary>
    Test,
}

/// <summary>
/// A C# block in the documentation marked as a complete program: a line <c>&lt;!-- complete-program --&gt;</c> (or
/// <c>&lt;!-- complete-program: web --&gt;</c>) right before its <c>```csharp</c> fence. Such a block is the whole
/// Program.cs of a new project plus <c>dotnet add package OAuthGen</c>, and must compile as it stands. A block marked
/// <c>&lt;!-- complete-program: test --&gt;</c> is a whole test file instead (<see cref="ProgramKind.Test"/>).
/// </summary>
public sealed record CompleteProgram(string File, int Line, ProgramKind Kind, string Source)
{
    public const string ConsoleMarker = "<!-- complete-program -->";
    public const string WebMarker = "<!-- complete-program: web -->";
    public const string TestMarker = "<!-- complete-program: test -->";

    /// <summary>The Markdown files whose programs are compiled: README.md and docs/*.md.</summary>
    public static IEnumerable<string> DocumentationFiles() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(RepositoryFiles.Path("docs"), "*.md")
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    /// <summary>Every marked block of <paramref name="file"/> (relative to the repository root).</summary>
    public static IEnumerable<CompleteProgram> In(string file)
    {
        var lines = RepositoryFiles.Read(file).Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].Trim();
            ProgramKind kind;
            if (marker == ConsoleMarker) kind = ProgramKind.Console;
            else if (marker == WebMarker) kind = ProgramKind.Web;
            else if (marker == TestMarker) kind = ProgramKind.Test;
            else if (marker.StartsWith("<!-- complete-program", StringComparison.Ordinal))
                throw new FormatException($"{file}:{i + 1}: unknown marker '{marker}' (use '{ConsoleMarker}', '{WebMarker}' or '{TestMarker}')");
            else continue;

            // A marker that does not sit right on a C# fence would silently exempt its program from the test.
            if (i + 1 >= lines.Length || lines[i + 1].Trim() != "```csharp")
                throw new FormatException($"{file}:{i + 1}: '{marker}' must be followed directly by a ```csharp fence");
            var end = Array.FindIndex(lines, i + 2, line => line.Trim() == "```");
            if (end < 0) throw new FormatException($"{file}:{i + 2}: the ```csharp fence is never closed");
            yield return new CompleteProgram(file, i + 2, kind, string.Join('\n', lines[(i + 2)..end]));
            i = end;
        }
    }

    /// <summary>Every marked program of README.md and docs/*.md.</summary>
    public static IEnumerable<CompleteProgram> All() => DocumentationFiles().SelectMany(In);

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}
