using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>
/// The generator corpus: 40 interfaces × 12 methods, written once per library so both generators see the same
/// API (same routes, parameters and return types). The six method shapes are those of Refit's own "Large corpus"
/// benchmark (path, query, JSON body, header, repeated query values, alias, delete), cycled twice per interface.
/// </summary>
public static class GeneratorCorpus
{
    /// <summary>Interfaces in the corpus.</summary>
    public const int InterfaceCount = 40;

    /// <summary>Methods per interface.</summary>
    public const int MethodsPerInterface = 12;

    /// <summary>One method shape, spelled in each library's attributes. <c>{route}</c> and <c>{n}</c> are filled per use.</summary>
    private sealed record MethodShape(string Refit, string OAuthGen);

    private static readonly MethodShape[] Shapes =
    [
        new("[Get(\"{route}/{id}\")] Task<Entity> Get{n}(int id, CancellationToken token);",
            "[Get(\"{route}/{id}\")] Task<Entity> Get{n}(int id, CancellationToken token);"),
        new("[Get(\"{route}\")] Task<List<Entity>> List{n}(int page, int pageSize, string? sort, bool archived);",
            "[Get(\"{route}\")] Task<List<Entity>> List{n}(int page, int pageSize, string? sort, bool archived);"),
        new("[Post(\"{route}\")] Task<Entity> Create{n}([Body] Entity entity);",
            "[Post(\"{route}\")] Task<Entity> Create{n}([Body] Entity entity);"),
        new("[Put(\"{route}/{id}\")] Task Update{n}(int id, [Body] Entity entity, [Header(\"If-Match\")] string etag);",
            "[Put(\"{route}/{id}\")] Task Update{n}(int id, [Body] Entity entity, [Header(\"If-Match\")] string etag);"),
        // Repeated query values: Refit needs CollectionFormat.Multi, OAuthGen repeats sequences by default.
        new("[Get(\"{route}/search\")] Task<string> Search{n}(string q, [Query(CollectionFormat.Multi)] int[] tags, [AliasAs(\"c\")] string? cursor);",
            "[Get(\"{route}/search\")] Task<string> Search{n}(string q, int[] tags, [Query(\"c\")] string? cursor);"),
        new("[Delete(\"{route}/{id}\")] Task Delete{n}(int id);",
            "[Delete(\"{route}/{id}\")] Task Delete{n}(int id);"),
    ];

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Entity = """
        public sealed class Entity
        {
            public int Id { get; set; }
            public string? Name { get; set; }
            public string? Description { get; set; }
        }

        """;

    /// <summary>The file of the first interface, which the interface-edit case changes.</summary>
    public const string EditedInterfacePath = "IResource0Api.cs";

    /// <summary>
    /// The corpus as one file per interface plus one for the shared entity, as a project keeps them: an edit then
    /// changes one syntax tree, and a generator's per-tree caches keep the other 40.
    /// </summary>
    /// <param name="refit">Refit interfaces, else OAuthGen remote apps (OAuth 2.0: each interface gets its own RemoteApp).</param>
    public static IReadOnlyList<(string Path, string Text)> Files(bool refit)
    {
        var files = new List<(string, string)>(InterfaceCount + 1) { ("Entity.cs", Header(refit) + Entity) };
        for (var i = 0; i < InterfaceCount; i++)
        {
            files.Add(($"IResource{i}Api.cs", Interface(refit, i, extraMethod: false)));
        }
        return files;
    }

    /// <summary>
    /// <see cref="EditedInterfacePath"/> after an edit inside the interface: one more method (a GET with a path
    /// placeholder), what typing a new endpoint ends with.
    /// </summary>
    public static string EditedInterface(bool refit) => Interface(refit, 0, extraMethod: true);

    private static string Header(bool refit) =>
        Usings + (refit ? "using Refit;\n\nnamespace RefitCorpus;\n\n" : "using OAuthGen;\n\nnamespace OAuthGenCorpus;\n\n");

    private static string Interface(bool refit, int i, bool extraMethod)
    {
        var source = new StringBuilder(2048);
        source.Append(Header(refit));
        var route = string.Create(CultureInfo.InvariantCulture, $"/res{i}");
        if (refit)
        {
            source.Append("public interface IResource").Append(i).Append("Api\n{\n");
        }
        else
        {
            source.Append(CultureInfo.InvariantCulture,
                $"[RemoteApp(\"res{i}\", BaseUrl = \"https://api.example.com/\", AuthorizeUrl = \"https://example.com/authorize\", AccessTokenUrl = \"https://example.com/token\")]\n");
            source.Append("public partial interface IResource").Append(i).Append("Api\n{\n");
        }
        var methods = MethodsPerInterface + (extraMethod ? 1 : 0);
        for (var m = 0; m < methods; m++)
        {
            var shape = Shapes[m % Shapes.Length];
            source.Append("    ")
                .Append((refit ? shape.Refit : shape.OAuthGen)
                    .Replace("{route}", route, StringComparison.Ordinal)
                    .Replace("{n}", m.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                .Append('\n');
        }
        source.Append("}\n");
        return source.ToString();
    }
}
