using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Docs.Tests;

/// <summary>Every program README.md and docs/*.md present as complete compiles against this build, without a warning.</summary>
public sealed class CompleteProgramTests
{
    public static TheoryData<string, int> Programs()
    {
        var data = new TheoryData<string, int>();
        foreach (var program in CompleteProgram.All()) data.Add(program.File, program.Line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Compiles(string file, int line)
    {
        var program = CompleteProgram.In(file).Single(p => p.Line == line);

        var (problems, generated, _) = ProgramCompiler.Compile(program);

        Assert.True(problems.Count == 0, $"{program} does not compile cleanly:\n" + string.Join("\n", problems));
        if (program.Source.Contains("[RemoteApp(")) Assert.True(generated > 0, $"{program}: OAuthGen generated no client");
    }

    [Fact]
    public void ReadmeHasAConsoleAndAWebProgram()
    {
        var kinds = CompleteProgram.In("README.md").Select(p => p.Kind).ToHashSet();

        Assert.Contains(ProgramKind.Console, kinds);
        Assert.Contains(ProgramKind.Web, kinds);
    }

    [Fact]
    public void TheAspNetCorePageIsOneWebProgramThatSignsInWithUnder15LinesOfSetup()
    {
        var program = Assert.Single(CompleteProgram.In("docs/aspnetcore.md"));
        var lines = program.Source.Split('\n');

        Assert.Equal(ProgramKind.Web, program.Kind);
        Assert.Contains(".AddRemoteApp<IGitHub>(", program.Source);
        // The setup: from the builder to app.Run(), blank lines aside (usings and the client declaration come on top).
        var first = Array.FindIndex(lines, line => line.StartsWith("var builder = WebApplication.CreateBuilder", StringComparison.Ordinal));
        var last = Array.FindIndex(lines, line => line.Trim() == "app.Run();");
        Assert.True(first >= 0 && last > first, program.Source);
        Assert.InRange(lines[first..(last + 1)].Count(line => line.Trim().Length > 0), 1, 14);
    }

    [Fact]
    public void TheCompilerReportsWhatABrokenProgramGetsWrong()
    {
        // The same path the documentation takes, with a program that must fail: an undefined name and an OAG error.
        var broken = new CompleteProgram("broken.md", 1, ProgramKind.Console, """
            using OAuthGen;
            Console.WriteLine(github);
            [RemoteApp("x", AccessTokenUrl = "https://example.com/token", AppKey = "X")]
            public interface IX { [Get("a")] Task A(); }
            """);

        var ids = ProgramCompiler.Compile(broken).Problems.Select(d => d.Id).ToList();

        Assert.Contains("CS0103", ids);
        Assert.Contains("OAG001", ids);
    }

    [Fact]
    public void WebProgramsSeeAspNetCoreAndConsoleProgramsDoNot()
    {
        const string source = "var app = WebApplication.CreateBuilder(args).Build(); app.Run();";

        Assert.Empty(ProgramCompiler.Compile(new CompleteProgram("web.md", 1, ProgramKind.Web, source)).Problems);
        Assert.Contains(ProgramCompiler.Compile(new CompleteProgram("console.md", 1, ProgramKind.Console, source)).Problems,
            d => d.Id == "CS0103");
    }
}
