using System.Collections.Generic;
using System.Linq;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// OAG029: in a project compiled ahead of time, a remote app that would (de)serialize POCOs through reflection is a
/// warning at its attribute, rather than IL2026/IL3050 in generated code at publish.
/// </summary>
public sealed class AotJsonContextTests
{
    private static string Source(string jsonContext, string members) => $$"""
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using OAuthGen;
        namespace App;
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token"{{jsonContext}})]
        public partial interface IApi
        {
        {{members}}
        }
        public sealed class User { public string? Login { get; set; } }
        public sealed class NewNote { public string? Text { get; set; } }
        [JsonSerializable(typeof(User))]
        [JsonSerializable(typeof(NewNote))]
        public sealed partial class AppJson : JsonSerializerContext;
        """;

    private const string PocoReturn = "[Get(\"user\")] Task<User> GetUserAsync();";
    private const string PocoBody = "[Post(\"notes\")] Task<OAuthResponse> AddAsync([Body] NewNote note);";
    private const string NoJsonPocos = "[Get(\"raw\")] Task<string> RawAsync(); [Get(\"any\")] Task<System.Text.Json.JsonElement> AnyAsync();";

    private static List<Microsoft.CodeAnalysis.Diagnostic> Oag029(string source, string property, string value)
    {
        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(source));
        return [.. CompilationHelper.Analyze(output.Compilation, new Dictionary<string, string> { ["build_property." + property] = value })
            .Where(d => d.Id == "OAG029")];
    }

    [Theory]
    [InlineData(PocoReturn, "App.User", "PublishAot")]
    [InlineData(PocoBody, "App.NewNote", "IsAotCompatible")]
    public void A_poco_without_a_JsonContext_in_an_AOT_project_is_a_warning_at_the_attribute(string members, string type, string property)
    {
        var source = Source("", members);

        var diagnostic = Assert.Single(Oag029(source, property, "true"));

        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains(type, diagnostic.GetMessage());
        Assert.StartsWith("RemoteApp(\"app\"", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData(", JsonContext = typeof(AppJson)", PocoReturn, "PublishAot", "true")]
    [InlineData("", PocoReturn, "PublishAot", "false")]
    [InlineData("", PocoReturn, "TrimMode", "full")]
    [InlineData("", NoJsonPocos, "PublishAot", "true")]
    public void No_warning_with_a_JsonContext_without_AOT_or_without_POCOs(string jsonContext, string members, string property, string value)
    {
        Assert.Empty(Oag029(Source(jsonContext, members), property, value));
    }
}
