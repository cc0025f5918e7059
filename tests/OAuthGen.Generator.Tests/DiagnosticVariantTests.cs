using System.Linq;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// More misuse shapes per diagnostic, through the raw driver (cheap): the id, and the exact text the diagnostic
/// underlines, marked [|like this|] in the source.
/// </summary>
public sealed class DiagnosticVariantTests
{
    private const string Header = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;
        namespace App;
        public sealed class Poco { public string? Name { get; set; } }

        """;

    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    [Theory]
    [InlineData("OAG003", App + "public partial interface IApi { [Get(\"x\")][Post(\"x\")] Task [|A|](); }")]
    [InlineData("OAG004", App + "public partial interface IApi { event System.EventHandler [|Changed|]; }")]
    [InlineData("OAG005", App + "public partial interface IApi { [Get([|\"a}b\"|])] Task A(); }")]
    [InlineData("OAG005", App + "public partial interface IApi { [Get([|\"a/{}\"|])] Task A(); }")]
    [InlineData("OAG005", App + "public partial interface IApi { [Get([|null!|])] Task A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|void|] A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|Task<OAuthResponse<OAuthResponse>>|] A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|Task<System.IO.Stream>|] A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|Task<System.IO.MemoryStream>|] A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|Task<System.Net.Http.HttpResponseMessage>|] A(); }")]
    [InlineData("OAG006", App + "public partial interface IApi { [Get(\"x\")] [|ValueTask<OAuthResponse<System.Net.Http.HttpContent>>|] A(); }")]
    [InlineData("OAG009", App + "public partial interface IApi { [Get(\"x\")] Task A([Query] CancellationToken [|ct|]); }")]
    [InlineData("OAG009", App + "public partial interface IApi { [Get(\"x\")] Task A([Query][Header(\"X\")] string [|v|]); }")]
    [InlineData("OAG010", App + "public partial interface IApi { [Post(\"x\")] Task A([Body] Poco a, [Body] Poco [|b|]); }")]
    [InlineData("OAG010", App + "public partial interface IApi { [Post(\"x\")] Task A([Field] string a, [Body] Poco [|b|]); }")]
    [InlineData("OAG011", App + "public partial interface IApi { [Head(\"x\")] Task A([Field] string [|a|]); }")]
    [InlineData("OAG012", App + "public partial interface IApi { [Get(\"x\")] Task A(OAuthToken a, OAuthToken [|b|]); }")]
    [InlineData("OAG012", App + "public partial interface IApi { [Get(\"x\")] Task A([TokenName] string a, [TokenName] string [|b|]); }")]
    [InlineData("OAG013", App + "public partial interface IApi { [Get(\"x\")] Task A([TokenName] int [|name|]); }")]
    [InlineData("OAG013", App + "public partial interface IApi { [Get(\"x/{id}\")] Task A(int[] [|id|]); }")]
    [InlineData("OAG013", App + "public partial interface IApi { [Post(\"x\")] Task A([Body(BodyFormat.UrlEncoded)] Poco [|p|]); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", AccessTokenUrl = [|\"token\"|], ConsumerKey = \"id\")] public partial interface IApi { [Get(\"https://x.example.com/\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = [|\"ftp://example.com/\"|], AccessTokenUrl = \"https://example.com/token\", AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = [|\"ht!tp:/bad url\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = [|\"oauth/to ken\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = \"https://example.com/token\", AuthorizeUrl = [|\"javascript:alert(1)\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = [|\"  \"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = [|\"http:/one-slash\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG014", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = \"https://example.com/token\", ServerMetadataUrl = [|\"file:///etc/passwd\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG015", "[[|RemoteApp(\"app\", RequestTokenUrl = \"https://e.com/rt\", AccessTokenUrl = \"https://e.com/at\")|]] public partial interface IApi { [Get(\"https://e.com/x\")] Task A(); }")]
    [InlineData("OAG017", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = [|\"http://example.com/token\"|], AppKey = \"App\")] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG024", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = \"https://example.com/token\", AppKey = \"App\", RequestTokenMethod = [|\"  \"|])] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG024", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = \"https://example.com/token\", AppKey = \"App\", AccessTokenMethod = [|\"PO ST\"|])] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG024", "[RemoteApp(\"app\", BaseUrl = \"https://api.example.com/\", AccessTokenUrl = \"https://example.com/token\", AppKey = \"App\", AccessTokenMethod = [|\"GET/1\"|])] public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG021", App + "public partial interface IApi { [Get(\"x\")] Task A(ref int [|count|]); }")]
    [InlineData("OAG022", "[Headers([|\"Bad Name: x\"|])] " + App + " public partial interface IApi { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG022", App + "public partial interface IApi { [Get(\"x\")][Headers(new[] { \"A: b\", [|\"NoColon\"|] })] Task A(); }")]
    [InlineData("OAG022", App + "public partial interface IApi { [Get(\"x\")][Headers(new string[] { [|\"NoColon\"|] })] Task A(); }")]
    [InlineData("OAG023", App + "file partial interface [|IApi|] { [Get(\"x\")] Task A(); }")]
    [InlineData("OAG026", App + "public partial interface IApi { [Get(\"x\")] Task [|Create|](System.Net.Http.HttpClient http, [Query] RemoteAppOptions? options); }")]
    [InlineData("OAG026", App + "public partial interface IApi { RemoteAppOptions [|Options|] { get; } }")]
    [InlineData("OAG027", App + "public partial interface IApi { static virtual int [|Size|]() => 1; [Get(\"x\")] Task A(); }")]
    public void ReportsAtTheMarkedText(string id, string source)
    {
        var start = source.IndexOf("[|");
        var end = source.IndexOf("|]") - 2;
        var text = Header + source.Replace("[|", "").Replace("|]", "");
        var expected = source.Substring(start + 2, end - start);

        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(text), withJsonGenerator: false);

        var diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(expected, text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.True(diagnostic.Location.IsInSource, "the location is in the user's syntax tree (so #pragma applies)");
    }

    [Theory]
    [InlineData("""[RemoteApp("app", BaseUrl = "http://localhost:5000/", AccessTokenUrl = "http://127.0.0.1:5000/token", AppKey = "App")]""")]
    [InlineData("""[RemoteApp("app", BaseUrl = "http://api.example.com/", AccessTokenUrl = "token", AllowInsecureHttp = true, AppKey = "App")]""")]
    [InlineData("""[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", TokenType = null, Scope = null, AccessTokenMethod = " get ", RequestTokenMethod = "PROPFIND")]""")]
    [InlineData("""[RemoteApp("app", ServerMetadataUrl = "https://example.com/.well-known/openid-configuration", ConsumerKey = "id")]""")]
    [InlineData("""[RemoteApp("app", AccessTokenUrl = "/oauth/access_token", AppKey = "App")]""")] // BaseUrl from configuration
    public void ValidAppsReportNothingAndCompileCleanly(string attribute)
    {
        var source = attribute + """
             public partial interface IApi { [Get("https://api.example.com/x")] Task<OAuthResponse> A(); }
            """;

        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(Header + source), withJsonGenerator: false);

        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.Errors);
        Assert.Single(output.Result.GeneratedSources);
    }

    [Fact]
    public void InterfaceInTheGlobalNamespaceCompiles()
    {
        var source = """
            using System.Threading.Tasks;
            using OAuthGen;
            [RemoteApp("global", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "G")]
            public partial interface IGlobal { [Get("x/{id}")] Task<string> A(int id); }
            """;

        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(source), withJsonGenerator: false);

        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.Errors);
        Assert.Equal("IGlobal.g.cs", output.Result.GeneratedSources.Single().HintName);
    }

    [Fact]
    public void ErrorsStopGenerationForThatInterfaceOnly()
    {
        var source = App + """
             public partial interface IBroken { Task A(); }
            [RemoteApp("other", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "O")]
            public partial interface IFine { [Get("x")] Task A(); }
            """;

        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(Header + source), withJsonGenerator: false);

        Assert.Equal("OAG003", Assert.Single(output.Diagnostics).Id);
        Assert.Equal("App.IFine.g.cs", Assert.Single(output.Result.GeneratedSources).HintName);
    }
}
