using System.Linq;
using Microsoft.CodeAnalysis;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>
/// The generator reads the attributes of endpoint methods and parameters from syntax where that is certain and binds
/// them where it is not (an alias, a qualified name, a constant, a type of the same name...). Whichever way a client's
/// attributes are spelled, it must get exactly the client the plain spelling gets, as the compiler binds them.
/// </summary>
public sealed class AttributeSpellingTests
{
    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    private const string Plain = """
        [Post("items/{id}")] [ContentType("application/json")]
        Task<string> A(int id, [Query("q")] string s, [Header("X-H")] string h, [Body] User user);
        [Put("forms")] Task B([Field("f")] string? unused = null);
        """;

    /// <summary>Each case: using directives, the interface's members, another file (or none), and the plain members it equals.</summary>
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        {
            "attribute names with their suffix", "",
            """
            [PostAttribute("items/{id}")] [ContentTypeAttribute("application/json")]
            Task<string> A(int id, [QueryAttribute("q")] string s, [HeaderAttribute("X-H")] string h, [BodyAttribute] User user);
            [Put("forms")] Task B([FieldAttribute("f")] string? unused = null);
            """, "", Plain
        },
        {
            "aliases", "using P = OAuthGen.PostAttribute; using Q = OAuthGen.QueryAttribute; using QueryAlias = OAuthGen.HeaderAttribute;",
            """
            [P("items/{id}")] [ContentType("application/json")]
            Task<string> A(int id, [Q("q")] string s, [QueryAlias("X-H")] string h, [Body] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """, "", Plain
        },
        {
            "qualified names", "",
            """
            [OAuthGen.Post("items/{id}")] [global::OAuthGen.ContentType("application/json")]
            Task<string> A(int id, [OAuthGen.Query("q")] string s, [global::OAuthGen.HeaderAttribute("X-H")] string h, [OAuthGen.Body] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """, "", Plain
        },
        {
            "target specifiers", "",
            """
            [method: Post("items/{id}")] [method: ContentType("application/json")]
            Task<string> A(int id, [param: Query("q")] string s, [param: Header("X-H")] string h, [param: Body] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """, "", Plain
        },
        {
            "verbatim identifiers", "",
            """
            [@PostAttribute("items/{id}")] [@ContentTypeAttribute("application/json")]
            Task<string> A(int id, [@QueryAttribute("q")] string s, [@HeaderAttribute("X-H")] string h, [@BodyAttribute] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """, "", Plain
        },
        {
            "verbatim, raw and escaped string literals", "",
            """"
            [Post(@"items/{id}")] [ContentType("""application/json""")]
            Task<string> A(int id, [Query("\u0071")] string s, [Header(@"X-H")] string h, [Body] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """", "", Plain
        },
        {
            "constants and expressions", "",
            """
            const string Items = "items";
            [Post(Items + "/{id}")] [ContentType(Names.Json)]
            Task<string> A(int id, [Query(nameof(Names.q))] string s, [Header("X-" + "H")] string h, [Body(BodyFormat.Json)] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """,
            "namespace App; public static class Names { public const string Json = \"application/json\"; public const int q = 0; }", Plain
        },
        {
            "named arguments", "",
            """
            [Post(path: "items/{id}")] [ContentType(mediaType: "application/json")]
            Task<string> A(int id, [Query(name: "q")] string s, [Header(name: "X-H")] string h, [Body(format: BodyFormat.Json)] User user);
            [Put("forms")] Task B([Field(name: "f")] string? unused = null);
            """, "", Plain
        },
        {
            "a null literal and no argument", "",
            """
            [Post("items/{id}")] [ContentType("application/json")]
            Task<string> A(int id, [Query("q")] string s, [Header("X-H")] string h, [Body] User user);
            [Put("forms")] Task B([Field(null)] string? f = null);
            """, "",
            """
            [Post("items/{id}")] [ContentType("application/json")]
            Task<string> A(int id, [Query("q")] string s, [Header("X-H")] string h, [Body] User user);
            [Put("forms")] Task B([Field] string? f = null);
            """
        },
        {
            "classes named like the attributes, which are no attributes", "",
            Plain, "namespace App; public sealed class Query { } public sealed class Post { } public sealed class Body { }", Plain
        },
        {
            "a nested class named like an attribute", "",
            "public sealed class Header { }\n" + Plain, "", Plain
        },
        {
            "the app's own attribute class of the same name, which wins lookup", "",
            Plain,
            "namespace App; [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class FieldAttribute(string name) : System.Attribute { public string Name { get; } = name; }",
            Plain.Replace("[Field(\"f\")] ", "")
        },
        {
            "members in another part of the interface, with its own usings", "",
            "",
            "using System.Threading.Tasks; using P = OAuthGen.PostAttribute; using OAuthGen; namespace App; public partial interface IApi { " +
            Plain.Replace("[Post(", "[P(").Replace("\n", " ") + " }",
            Plain
        },
        {
            "other attributes beside them", "",
            """
            [Post("items/{id}")] [ContentType("application/json")] [System.ComponentModel.Description("a")] [return: System.Diagnostics.CodeAnalysis.NotNull]
            Task<string> A(int id, [Query("q")] string s, [System.ComponentModel.Description("h"), Header("X-H")] string h, [Body] User user);
            [Put("forms")] Task B([Field("f")] string? unused = null);
            """, "", Plain
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EverySpellingGetsTheClientOfThePlainOne(string name, string usings, string members, string otherFile, string plainMembers)
    {
        var spelled = Generate(usings, members, otherFile);
        var plain = Generate("", plainMembers, otherFile: "");

        Assert.True(plain == spelled, $"{name}: the generated client differs from the plain spelling's.\n--- plain\n{plain}\n--- spelled\n{spelled}");
    }

    /// <summary>The generated client of <c>IApi</c>, after checking that everything compiles without a diagnostic.</summary>
    private static string Generate(string usings, string members, string otherFile)
    {
        var source = "using System;\nusing System.Threading.Tasks;\nusing OAuthGen;\n" + usings + "\nnamespace App;\n" +
            "public sealed class User { public string? Name { get; set; } }\n" + App + "\npublic partial interface IApi\n{\n" + members + "\n}\n";
        var compilation = otherFile.Length == 0 ? CompilationHelper.CreateCompilation(source) : CompilationHelper.CreateCompilation(source, otherFile);

        var output = CompilationHelper.Run(compilation, withJsonGenerator: false);

        Assert.Empty(output.Diagnostics.Where(d => !d.IsSuppressed));
        Assert.Empty(output.Errors);
        return Assert.Single(output.Result.GeneratedSources).SourceText.ToString();
    }
}
