using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// The generator's promise, case by case: whatever is written on a <c>[RemoteApp]</c> interface, either the generated
/// code compiles with zero warnings and no OAG diagnostic, or a diagnostic in the user's code explains why (and then no
/// error comes from generated code). Each case runs the generator and the analyzer together, as a build does.
/// </summary>
public sealed class RiskyShapeTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;
        namespace App;

        """;

    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    private const string Other = """[RemoteApp("other", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Other")]""";

    /// <summary>Compiles cleanly with no diagnostic.</summary>
    private const string Clean = "";

    /// <summary>Each case: its sources (one file each, the header added), then the diagnostic that explains it, or <see cref="Clean"/>.</summary>
    public static TheoryData<string, string[], string> Cases => new()
    {
        // Names every generated client has: IRemoteApp's members and the generated statics.
        { "method named CreateOptions()", [App + "public partial interface IApi { [Get(\"x\")] Task CreateOptions(); }"], "OAG026" },
        { "CreateOptions overload with other parameters", [App + "public partial interface IApi { [Get(\"x\")] Task CreateOptions(int page); }"], Clean },
        { "method named Create(HttpClient, RemoteAppOptions)", [App + "public partial interface IApi { [Get(\"x\")] Task Create(System.Net.Http.HttpClient http, [Query] RemoteAppOptions options); }"], "OAG026" },
        { "static method named Create", [App + "public partial interface IApi { static IApi Create(System.Net.Http.HttpClient http, RemoteAppOptions? options) => null!; [Get(\"x\")] Task A(); }"], "OAG026" },
        { "method named Options()", [App + "public partial interface IApi { [Get(\"x\")] Task Options(); }"], "OAG026" },
        { "property named Options", [App + "public partial interface IApi { RemoteAppOptions Options { get; } }"], "OAG026" },
        { "method with IRemoteApp.RevokeAsync's signature", [App + "public partial interface IApi { [Post(\"revoke\")] Task RevokeAsync(OAuthToken token, CancellationToken cancellationToken); }"], "OAG026" },
        { "overload of IRemoteApp.GetAsync", [App + "public partial interface IApi { [Get(\"items/{id}\")] Task<OAuthResponse> GetAsync(int id); }"], Clean },
        { "overload of IRemoteApp.DeleteAsync", [App + "public partial interface IApi { [Delete(\"items/{id}\")] Task DeleteAsync(int id, CancellationToken cancellationToken = default); }"], Clean },
        { "names of the implementation's base class", [App + "public partial interface IApi { [Get(\"x\")] Task<string> ResolveUrl(string path); [Get(\"y\")] Task<string> SendAsync(); }"], Clean },

        // Static members.
        { "static abstract method", [App + "public partial interface IApi { static abstract IApi Make(); [Get(\"x\")] Task A(); }"], "OAG027" },
        { "static virtual method", [App + "public partial interface IApi { static virtual int Size() => 1; [Get(\"x\")] Task A(); }"], "OAG027" },
        { "static abstract property", [App + "public partial interface IApi { static abstract int Size { get; } [Get(\"x\")] Task A(); }"], "OAG027" },
        { "static abstract in a plain base interface", ["public interface IBase { static abstract int Size(); }", App + "public partial interface IApi : IBase { [Get(\"x\")] Task A(); }"], "OAG027" },
        { "static members with bodies", [App + "public partial interface IApi { const int PageSize = 50; static int Calls; static string Describe() => \"api\"; static int Twice { get => 2; } [Get(\"x\")] Task A(); }"], Clean },

        // Inheritance.
        { "remote app deriving from a remote app", [App + "public partial interface IBase { [Get(\"x\")] Task A(); }", Other + "public partial interface IApi : IBase { [Get(\"y\")] Task B(); }"], "OAG028" },
        { "endpoints from a plain base interface", ["public interface IBase { [Get(\"x\")] Task A(); }", App + "public partial interface IApi : IBase { [Get(\"y\")] Task B(); }"], Clean },
        { "endpoints from a generic base interface", ["public interface IRead<T> { [Get(\"items/{id}\")] Task<T> Read(int id); }", App + "public partial interface IApi : IRead<User>, IRead<string> { }"], Clean },
        { "the same endpoint name in two base interfaces", ["public interface IOne { [Get(\"one\")] Task A(); }", "public interface ITwo { [Get(\"two\")] Task A(); }", App + "public partial interface IApi : IOne, ITwo { }"], Clean },
        { "property in a plain base interface", ["public interface IBase { string Name { get; } }", App + "public partial interface IApi : IBase { [Get(\"x\")] Task A(); }"], "OAG004" },
        { "IRemoteApp named as a base", [App + "public partial interface IApi : IRemoteApp { [Get(\"x\")] Task A(); }"], Clean },

        // Members that are not endpoints.
        { "default interface method", [App + "public partial interface IApi { [Get(\"x\")] Task A(); Task Twice() => Task.WhenAll(A(), A()); }"], Clean },
        { "event", [App + "public partial interface IApi { event EventHandler Changed; [Get(\"x\")] Task A(); }"], "OAG004" },
        { "indexer", [App + "public partial interface IApi { string this[int i] { get; } }"], "OAG004" },
        { "property", [App + "public partial interface IApi { string Name { get; set; } }"], "OAG004" },
        { "nested types", [App + "public partial interface IApi { public sealed class Page { public int Number { get; set; } } public enum Sort { Name, Date } [Get(\"x\")] Task<Page> A(Sort sort); }"], Clean },

        // Method and parameter shapes.
        { "generic method", [App + "public partial interface IApi { [Get(\"x\")] Task<T> A<T>(); }"], "OAG021" },
        { "ref parameter", [App + "public partial interface IApi { [Get(\"x\")] Task A(ref int count); }"], "OAG021" },
        { "out parameter", [App + "public partial interface IApi { [Get(\"x\")] Task A(out int count); }"], "OAG021" },
        { "in parameter", [App + "public partial interface IApi { [Get(\"x\")] Task A(in int count); }"], "OAG021" },
        { "params array", [App + "public partial interface IApi { [Get(\"x\")] Task<string> A(params string[] tags); }"], Clean },
        { "params collection", [App + "public partial interface IApi { [Get(\"x\")] Task<string> A(params IEnumerable<int> ids); }"], Clean },
        { "overloaded endpoints", [App + "public partial interface IApi { [Get(\"x\")] Task A(); [Get(\"x/{id}\")] Task A(int id); }"], Clean },
        { "optional parameters", [App + "public partial interface IApi { [Get(\"x\")] Task A(int page = 1, string? sort = null, CancellationToken cancellationToken = default); }"], Clean },

        // Where the interface lives.
        { "nested in a partial class", ["public partial class Outer { " + App + " public partial interface IApi { [Get(\"x\")] Task A(); } }"], Clean },
        { "nested in a partial record struct", ["public partial record struct Outer { " + App + " public partial interface IApi { [Get(\"x\")] Task A(); } }"], Clean },
        { "nested in a partial interface", ["public partial interface IOuter { " + App + " public partial interface IApi { [Get(\"x\")] Task A(); } }"], Clean },
        { "nested in a class that is not partial", ["public class Outer { " + App + " public partial interface IApi { [Get(\"x\")] Task A(); } }"], "OAG001" },
        { "nested private", ["public partial class Outer { " + App + " private partial interface IApi { [Get(\"x\")] Task A(); } }"], "OAG023" },
        { "file-local interface", [App + "file partial interface IApi { [Get(\"x\")] Task A(); }"], "OAG023" },
        { "interface named like the runtime's base class", [App + "public partial interface RemoteApp { [Get(\"x\")] Task A(); }"], Clean },
        { "a user type named like the implementation", ["public sealed class IApiImplementation { }", App + "public partial interface IApi { [Get(\"x\")] Task A(); }"], Clean },
        // The implementation spells BCL and runtime types by name under its own imports: user types of those names, in the
        // interface's namespace, must not come between.
        { "user types named like the imported ones", ["public sealed class HttpMethod { } public sealed class HttpClient { } public sealed class List<T> { } public sealed class KeyValuePair<TKey, TValue> { } public sealed class GeneratedRequest { } public sealed class GeneratedValue { } public sealed class JsonMetadata { } public sealed class ResponseReader { } public sealed class HttpRequestMessage { }", App + "public partial interface IApi { [Get(\"x/{id}\")] Task<System.Collections.Generic.List<User>> A(int id, [Query] int page, [Header(\"X-Tag\")] int? tag, CancellationToken cancellationToken); [Post(\"y\")] Task<OAuthResponse<User>> B([Body] User user); [Post(\"z\")] Task C([Field] string name); }"], Clean },
        { "a nested BCL namespace's type", [App + "public partial interface IApi { [Get(\"x\")] Task<System.Threading.Tasks.Sources.ValueTaskSourceStatus> A(); [Get(\"y\")] Task<System.Collections.Generic.Dictionary<string, System.Collections.Concurrent.ConcurrentBag<int>>> B(); }"], Clean },

        // Partial parts.
        { "endpoints in several files", [App + "public partial interface IApi { [Get(\"x\")] Task A(); }", "public partial interface IApi { [Get(\"y\")] Task B(); }", "public partial interface IApi { [Post(\"z\")] Task C([Body] User user); }"], Clean },
        { "[RemoteApp] on two parts", [App + "public partial interface IApi { [Get(\"x\")] Task A(); }", Other + "public partial interface IApi { [Get(\"y\")] Task B(); }"], "CS0579" },
        { "a part that is not partial", [App + "public partial interface IApi { [Get(\"x\")] Task A(); }", "public interface IApi { [Get(\"y\")] Task B(); }"], "CS0260" },
        { "the same app name twice", [App + "public partial interface IOne { [Get(\"x\")] Task A(); }", App + "public partial interface ITwo { [Get(\"x\")] Task A(); }"], "OAG020" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCodeCompilesOrADiagnosticExplainsWhy(string name, string[] sources, string expected)
    {
        // A bystander client: nothing about another interface may stop it from being generated (a crash would).
        const string Bystander = """
            [RemoteApp("bystander", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Bystander")]
            public partial interface IBystander { [Get("x")] Task A(); }
            """;
        const string Shared = "public sealed class User { public string? Name { get; set; } }\n";
        var compilation = CompilationHelper.CreateCompilation([.. sources.Select(s => Header + s), Header + Shared + Bystander]);

        var output = CompilationHelper.Run(compilation, withJsonGenerator: false);

        AssertOutcome(name, output, expected);
    }

    [Theory]
    [InlineData("[Get(\"x\")] Task A();", "")]
    [InlineData("string Name { get; }", "OAG004")]
    [InlineData("static abstract int Size();", "OAG027")]
    public void BaseInterfaceFromAnotherAssembly(string member, string expected)
    {
        var library = CSharpCompilation.Create("Library",
            [CSharpSyntaxTree.ParseText("using System.Threading.Tasks; using OAuthGen; namespace Lib; public interface IBase { " + member + " }", CompilationHelper.ParseOptions)],
            CompilationHelper.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var source = Header + App + "public partial interface IApi : Lib.IBase { [Get(\"y\")] Task B(); }\n" + Other + "public partial interface IBystander { [Get(\"x\")] Task A(); }";
        var compilation = CompilationHelper.CreateCompilation(source).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        var output = CompilationHelper.Run(compilation, withJsonGenerator: false);

        AssertOutcome(member, output, expected);
        if (expected.Length > 0)
        {
            // Metadata has no source: the diagnostic points at the interface that inherits the member.
            var diagnostic = output.Diagnostics.Single(d => d.Id == expected);
            Assert.Equal("IApi", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        }
    }

    private static void AssertOutcome(string name, GeneratorOutput output, string expected)
    {
        Assert.True(output.Result.Exception is null, $"{name}: the generator threw {output.Result.Exception}");
        Assert.Empty(output.GeneratorDiagnostics);
        var generated = output.Result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("App.IBystander.g.cs", generated);
        var problems = output.Diagnostics.Concat(output.Errors).ToList();
        if (expected.Length == 0)
        {
            Assert.True(problems.Count == 0, $"{name}: expected a clean build, got\n{string.Join("\n", problems)}");
            // The interface's own client too (found by the path every generated file has), not only the bystander's.
            Assert.True(output.Compilation.SyntaxTrees.Count(IsGenerated) >= 2, $"{name}: the client was not generated ({string.Join(", ", generated)})");
            return;
        }
        Assert.True(problems.Any(d => d.Id == expected), $"{name}: expected {expected}, got\n{string.Join("\n", problems)}");
        var fromGeneratedCode = problems.Where(d => IsGenerated(d.Location.SourceTree)).ToList();
        Assert.True(fromGeneratedCode.Count == 0, $"{name}: generated code does not compile\n{string.Join("\n", fromGeneratedCode)}");
    }

    private static bool IsGenerated(SyntaxTree? tree) => tree is not null && tree.FilePath.Contains(typeof(OAuthGenGenerator).FullName!);
}
