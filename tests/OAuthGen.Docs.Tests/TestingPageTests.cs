using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;

namespace OAuthGen.Docs.Tests;

/// <summary>
/// docs/testing.md's test files, compiled as one test project against this build's OAuthGen.Testing, and each of their
/// tests run: the page's examples pass, not only compile.
/// </summary>
public sealed class TestingPageTests
{
    private const string Page = "docs/testing.md";

    public static TheoryData<string> Tests()
    {
        var data = new TheoryData<string>();
        var context = Load();
        try
        {
            foreach (var (type, method) in Facts(context.Assemblies.Single())) data.Add($"{type.Name}.{method.Name}");
        }
        finally
        {
            context.Unload();
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task Passes(string test)
    {
        var context = Load();
        try
        {
            var (type, method) = Facts(context.Assemblies.Single()).Single(fact => $"{fact.Type.Name}.{fact.Method.Name}" == test);
            var instance = Activator.CreateInstance(type)!;
            try
            {
                await (Task)method.Invoke(instance, null)!;
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void ThePageHasATestOfAGeneratedClientAndOfASignInEndpoint()
    {
        var blocks = CompleteProgram.In(Page).Where(p => p.Kind == ProgramKind.Test).ToList();

        Assert.True(blocks.Count >= 2, $"{Page} has {blocks.Count} test blocks");
        Assert.Contains(blocks, block => block.Source.Contains("[RemoteApp(", StringComparison.Ordinal));
        Assert.Contains(blocks, block => block.Source.Contains("UseTestServer", StringComparison.Ordinal));
    }

    /// <summary>The page's test project, compiled once for every test of it (each loads it into a context of its own).</summary>
    private static readonly Lazy<byte[]> Image = new(() =>
    {
        var first = CompleteProgram.In(Page).First(p => p.Kind == ProgramKind.Test);
        var (problems, _, image) = ProgramCompiler.Compile(first);
        Assert.True(problems.Count == 0, $"{Page}'s tests do not compile cleanly:\n" + string.Join("\n", problems));
        return image;
    });

    private static AssemblyLoadContext Load()
    {
        var context = new AssemblyLoadContext("testing-page", isCollectible: true);
        context.LoadFromStream(new System.IO.MemoryStream(Image.Value));
        return context;
    }

    private static (Type Type, MethodInfo Method)[] Facts(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods().Where(method => method.GetCustomAttribute<FactAttribute>() is not null).Select(method => (type, method)))
            .OrderBy(fact => fact.type.Name, StringComparer.Ordinal).ThenBy(fact => fact.method.Name, StringComparer.Ordinal)
            .ToArray();
}
