using System.Linq;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// The parser formats each distinct type once per interface and reuses the text. Types that differ only in what the
/// display shows (nullable annotations, tuple element names) must still each get their own spelling: the explicit
/// implementations would otherwise not match the interface (warnings as errors).
/// </summary>
public sealed class TypeSpellingTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace App;

        [RemoteApp("types", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Types")]
        public partial interface ITypes
        {
            [Get("a")] Task<List<string?>> A(string? q, List<string?> tags);
            [Get("b")] Task<List<string>> B(string q, List<string> tags);
            [Post("c")] Task<(int Id, string Name)> C([Body] (int Id, string Name) body);
            [Post("d")] Task<(int Key, string Value)> D([Body] (int Key, string Value) body);
            [Get("e")] Task<object?> E();
            [Get("f")] Task<object> F();
            [Get("i")] Task<int?> I(int? n);
            [Get("j")] Task<int> J(int n);
            [Get("k")] Task<string[]> K(string[] a, string?[] b, int[]? c);
            [Get("l")] Task<List<string>>? L();
            [Get("m")] ValueTask<OAuthResponse?> M();
            [Get("n")] Task<OAuthResponse<List<string>>?> N();
            [Get("o")] ValueTask<OAuthResponse<List<string>>> O();
        }
        """;

    [Fact]
    public void TypesThatPrintDifferentlyKeepTheirOwnSpelling()
    {
        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(Source));

        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.Errors);
        var text = output.Result.GeneratedSources.Single().SourceText.ToString();
        // The implementation's namespace imports System.Threading.Tasks and System.Collections.Generic (ImplementationImports).
        const string Task = "Task";
        const string List = "List";
        Assert.Contains($"{Task}<{List}<string?>> global::App.ITypes.A(string? q, {List}<string?> tags)", text);
        Assert.Contains($"{Task}<{List}<string>> global::App.ITypes.B(string q, {List}<string> tags)", text);
        Assert.Contains($"{Task}<(int Id, string Name)> global::App.ITypes.C((int Id, string Name) body)", text);
        Assert.Contains($"{Task}<(int Key, string Value)> global::App.ITypes.D((int Key, string Value) body)", text);
        Assert.Contains($"{Task}<object?> global::App.ITypes.E()", text);
        Assert.Contains($"{Task}<object> global::App.ITypes.F()", text);
        Assert.Contains($"{Task}<int?> global::App.ITypes.I(int? n)", text);
        Assert.Contains($"{Task}<int> global::App.ITypes.J(int n)", text);
        Assert.Contains($"{Task}<string[]> global::App.ITypes.K(string[] a, string?[] b, int[]? c)", text);
        Assert.Contains($"{Task}<{List}<string>>? global::App.ITypes.L()", text);
        Assert.Contains("ValueTask<global::OAuthGen.OAuthResponse?> global::App.ITypes.M()", text);
        Assert.Contains($"{Task}<global::OAuthGen.OAuthResponse<{List}<string>>?> global::App.ITypes.N()", text);
        Assert.Contains($"ValueTask<global::OAuthGen.OAuthResponse<{List}<string>>> global::App.ITypes.O()", text);
    }
}
