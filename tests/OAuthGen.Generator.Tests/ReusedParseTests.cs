using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// The generator reuses an interface's parse in the next compilation while nothing it depends on changed. Every edit
/// here changes another file than the interface's, in a way that changes its client: the driver that ran before the
/// edit must then write exactly what a new driver writes for newly parsed copies of the same files (nothing reused).
/// </summary>
public sealed class ReusedParseTests
{
    private const string Api = """
        using System.Threading.Tasks;
        using OAuthGen;

        namespace App;

        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token")]
        public partial interface IApi
        {
            [Get("items/{id}")]
            Task<Item> GetAsync(int id);

            [Get("search")]
            Task<string> SearchAsync([Query("k")] Kind kind);
        }
        """;

    private const string Models = """
        namespace App;

        public sealed class Item { public int Id { get; set; } }

        public enum Kind { A, B }
        """;

    [Fact]
    public void AnEditNoNameDependsOnKeepsTheClient()
    {
        var (driver, compilation) = RunOnce(Api, Models, "namespace Other; public static class Helper { }");

        var edited = Replace(compilation, 2, "namespace Other; public static class Helper { } public struct Unrelated { }");

        AssertSameAsFromScratch(driver, edited);
        Assert.Equal(Generated(driver.RunGenerators(compilation)), Generated(driver.RunGenerators(edited)));
    }

    [Fact]
    public void AReferencedTypeChangingKindInAnotherFileChangesTheClient()
    {
        var (driver, compilation) = RunOnce(Api, Models);

        // Kind stops being a scalar: the query parameter is rejected and the client is no longer generated.
        var edited = Replace(compilation, 1, Models.Replace("public enum Kind { A, B }", "public sealed class Kind { }"));

        var generated = AssertSameAsFromScratch(driver, edited);
        Assert.Empty(generated);
    }

    [Fact]
    public void ATypeOfTheSameNameInACloserNamespaceChangesTheClient()
    {
        const string api = """
            using System.Threading.Tasks;
            using OAuthGen;
            using Shared;

            namespace App.Clients;

            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token")]
            public partial interface IApi
            {
                [Get("items/{id}")]
                Task<Item> GetAsync(int id);
            }
            """;
        var (driver, compilation) = RunOnce(api, "namespace Shared; public sealed class Item { }", "namespace Other; public sealed class Unused { }");

        // App.Item now wins name lookup from App.Clients over the using directive's Shared.Item.
        var edited = Replace(compilation, 2, "namespace App; public sealed class Item { }");

        var generated = AssertSameAsFromScratch(driver, edited);
        Assert.Contains("global::App.Item", Assert.Single(generated));
    }

    [Fact]
    public void AnAttributeClassOfTheSameNameInACloserNamespaceChangesTheClient()
    {
        var (driver, compilation) = RunOnce(Api, Models, "namespace Other; public sealed class Unused { }");

        // App.QueryAttribute now wins lookup of [Query("k")] over OAuthGen's: the parameter is sent under its own name.
        var edited = Replace(compilation, 2,
            "namespace App; [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class QueryAttribute(string name) : System.Attribute { public string Name { get; } = name; }");

        var generated = Assert.Single(AssertSameAsFromScratch(driver, edited));
        Assert.Contains("\"kind\"", generated);
        Assert.DoesNotContain("\"k\"", generated);
    }

    [Fact]
    public void AGlobalUsingInAnotherFileChangesTheClient()
    {
        const string api = """
            using System.Threading.Tasks;
            using OAuthGen;

            namespace App;

            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token")]
            public partial interface IApi
            {
                [Get("items/{id}")]
                Task<Item> GetAsync(int id);
            }
            """;
        const string models = "namespace V1 { public sealed class Item { } } namespace V2 { public sealed class Item { } }";
        var (driver, compilation) = RunOnce(api, models, "global using V1;");

        var edited = Replace(compilation, 2, "global using V2;");

        var generated = AssertSameAsFromScratch(driver, edited);
        Assert.Contains("global::V2.Item", Assert.Single(generated));
    }

    [Fact]
    public void ABaseInterfaceInAnotherFileGainingAMethodChangesTheClient()
    {
        const string api = """
            using System.Threading.Tasks;
            using OAuthGen;

            namespace App;

            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token")]
            public partial interface IApi : IBase
            {
                [Get("items/{id}")]
                Task<string> GetAsync(int id);
            }
            """;
        const string baseInterface = """
            using System.Threading.Tasks;
            using OAuthGen;

            namespace App;

            public interface IBase
            {
                [Get("ping")]
                Task PingAsync();
            }
            """;
        var (driver, compilation) = RunOnce(api, baseInterface);

        var edited = Replace(compilation, 1, baseInterface.Replace("Task PingAsync();", "Task PingAsync();\n\n    [Delete(\"cache\")]\n    Task ClearAsync();"));

        var generated = AssertSameAsFromScratch(driver, edited);
        Assert.Contains("ClearAsync", Assert.Single(generated));
    }

    [Fact]
    public void AConstantComputedInAThirdFileChangesTheClient()
    {
        const string api = """
            using System.Threading.Tasks;
            using OAuthGen;

            namespace App;

            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token")]
            public partial interface IApi
            {
                [Get(Routes.Items)]
                Task<string> ListAsync();
            }
            """;
        const string routes = "namespace App; public static class Routes { public const string Items = Paths.Root + \"/items\"; }";
        var (driver, compilation) = RunOnce(api, routes, "namespace App; public static class Paths { public const string Root = \"v1\"; }");

        var edited = Replace(compilation, 2, "namespace App; public static class Paths { public const string Root = \"v2\"; }");

        var generated = AssertSameAsFromScratch(driver, edited);
        Assert.Contains("\"v2/items\"", Assert.Single(generated));
    }

    [Fact]
    public void TheJsonContextChangingInAnotherFileChangesTheClient()
    {
        const string api = """
            using System.Threading.Tasks;
            using OAuthGen;

            namespace App;

            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", JsonContext = typeof(AppJson))]
            public partial interface IApi
            {
                [Get("items/{id}")]
                Task<Item> GetAsync(int id);
            }
            """;
        const string json = """
            using System.Text.Json.Serialization;

            namespace App;

            public sealed class Item { public int Id { get; set; } }

            [JsonSerializable(typeof(Item))]
            public partial class AppJson : JsonSerializerContext { }
            """;
        var (driver, compilation) = RunOnce(api, json);

        // Without [JsonSerializable] the context gets no Default instance: the client is no longer generated.
        var edited = Replace(compilation, 1, json.Replace("[JsonSerializable(typeof(Item))]", ""));

        Assert.Empty(AssertSameAsFromScratch(driver, edited));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(params string[] sources)
    {
        var compilation = CompilationHelper.CreateCompilation(sources);
        var driver = CompilationHelper.CreateDriver(withJsonGenerator: false).RunGenerators(compilation);
        Assert.NotEmpty(Generated(driver));
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int treeIndex, string text)
    {
        var tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, CompilationHelper.ParseOptions, tree.FilePath));
    }

    /// <summary>
    /// Runs the driver that saw the compilation before the edit, and a new driver over new syntax trees of the same
    /// files (nothing an earlier parse kept applies to them); both must write the same files.
    /// </summary>
    private static List<string> AssertSameAsFromScratch(GeneratorDriver driver, CSharpCompilation edited)
    {
        var incremental = Generated(driver.RunGenerators(edited));
        var fromScratch = edited.RemoveAllSyntaxTrees().AddSyntaxTrees(
            edited.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.ToString(), CompilationHelper.ParseOptions, t.FilePath)));
        Assert.Equal(Generated(CompilationHelper.CreateDriver(withJsonGenerator: false).RunGenerators(fromScratch)), incremental);
        return incremental;
    }

    private static List<string> Generated(GeneratorDriver driver) =>
        [.. driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath + "\n" + t).OrderBy(s => s, StringComparer.Ordinal)];
}
