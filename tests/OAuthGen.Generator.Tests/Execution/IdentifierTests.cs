using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>
/// User names are the user's: keywords, contextual keywords and names that look like the generator's own locals still
/// compile (warnings as errors) and reach the wire under the user's spelling.
/// </summary>
public sealed class IdentifierTests
{
    private const string Interface = "class.Samples.event+IEscaping";

    private const string Source = """
        using System.Threading.Tasks;
        using OAuthGen;

        namespace @class.Samples;

        public static partial class @event
        {
            public enum @enum { @default, @checked }

            [RemoteApp("escaping", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Escaping")]
            public partial interface IEscaping
            {
                // 'await' is a contextual keyword: legal here, but not as a bare name inside the generated async method.
                [Get("items/{await}")]
                Task<string> @checked(string await, int __query, [Header("X-Request")] string? __request = null,
                    [Query("response")] string? __response = null, @enum @var = @enum.@checked);

                [Post("items")]
                Task<string> @operator([Field] string __fields, [Field("async")] string async, [Query] string? __query = null);

                // One parameter fills every occurrence of its placeholder.
                [Get("items/{class}/copies/{class}")]
                Task<string> copy(string @class);

                // Nullable values and sequence items get locals named after their parameter, which may be taken already.
                [Get("values/{id}/{id}")]
                Task<string> values(long? id, int? count, [Query("other")] int? __count, [Query("items")] int?[]? __listItem, int?[]? list);
            }
        }
        """;

    [Fact]
    public async Task KeywordsAndGeneratorLikeNamesCompileAndKeepTheirWireNames()
    {
        using var clients = GeneratedClientAssembly.Compile(Source);
        var server = new StubHandler(_ => StubHandler.Respond("ok", "text/plain"));
        var options = clients.CreateOptions(Interface);
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken("tok"));
        var client = clients.Create(Interface, new HttpClient(server), options);

        var first = await GeneratedClientAssembly.CallAsync(client, Interface, "checked", "a b", 7, "req", "resp",
            System.Enum.ToObject(clients.Type("class.Samples.event+enum"), 1));
        var second = await GeneratedClientAssembly.CallAsync(client, Interface, "operator", "f", "x", "q");
        var third = await GeneratedClientAssembly.CallAsync(client, Interface, "copy", "a/b");
        var fourth = await GeneratedClientAssembly.CallAsync(client, Interface, "values", 5L, 1, 2, new int?[] { 3, null }, new int?[] { 4 });

        Assert.Equal("ok", first);
        Assert.Equal("ok", second);
        Assert.Equal("ok", third);
        Assert.Equal("ok", fourth);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("https://api.example.com/items/a%20b?__query=7&response=resp&var=checked", server.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("req", server.Requests[0].Header("X-Request"));
        Assert.Equal(HttpMethod.Post, server.Requests[1].Method);
        Assert.Equal("https://api.example.com/items?__query=q", server.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("__fields=f&async=x", server.Requests[1].BodyText);
        Assert.Equal("https://api.example.com/items/a%2Fb/copies/a%2Fb", server.Requests[2].Uri.AbsoluteUri);
        Assert.Equal("https://api.example.com/values/5/5?count=1&other=2&items=3&list=4", server.Requests[3].Uri.AbsoluteUri);
    }
}
