using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using OAuthGen.Runtime.Tests;
using OAuthGen.Runtime.Tests.Hostile;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>
/// 48,000 hostile resource bodies (fixed seed) through a generated client's typed methods — POCO, list, JsonElement,
/// XElement, FormData, string, OAuthResponse&lt;T&gt; — and its untyped OAuthResponse method with Data and Text: only
/// OAuthException comes out, and the call's access token is never quoted.
/// </summary>
public sealed class ResourceBodyFuzzTests : IClassFixture<ResourceBodyFuzzTests.FuzzClient>
{
    private const string Interface = "Samples.Fuzz.IFuzz";
    private const string AccessToken = "AT-resource-fuzz-token-7e31";
    private const int Bodies = 48_000;

    private static readonly string[] Methods = ["PocoAsync", "ListAsync", "JsonAsync", "XmlAsync", "FormAsync", "TextAsync", "TypedResponseAsync", "RawAsync"];

    public sealed class FuzzClient : IDisposable
    {
        public const string Source = """
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using System.Xml.Linq;
            using OAuthGen;

            namespace Samples.Fuzz;

            [RemoteApp("fuzz",
                BaseUrl = "https://api.example.com/",
                AuthorizeUrl = "https://auth.example.com/authorize",
                AccessTokenUrl = "https://auth.example.com/token",
                AppKey = "Fuzz",
                JsonContext = typeof(FuzzJson))]
            public partial interface IFuzz
            {
                [Get("poco")] Task<Item> PocoAsync();
                [Get("list")] ValueTask<List<Item>> ListAsync();
                [Get("json")] Task<JsonElement> JsonAsync();
                [Get("xml")] Task<XElement> XmlAsync();
                [Get("form")] Task<FormData> FormAsync();
                [Get("text")] Task<string> TextAsync();
                [Get("typed")] Task<OAuthResponse<Item>> TypedResponseAsync();
                [Get("raw")] Task<OAuthResponse> RawAsync();
            }

            public sealed class Item
            {
                public string? Name { get; set; }
                public int Id { get; set; }
                public List<Item>? Children { get; set; }
            }

            [JsonSerializable(typeof(Item))]
            [JsonSerializable(typeof(List<Item>))]
            internal sealed partial class FuzzJson : JsonSerializerContext;
            """;

        public GeneratedClientAssembly Clients { get; } = GeneratedClientAssembly.Compile(Source);

        public void Dispose() => Clients.Dispose();
    }

    private readonly FuzzClient _fixture;

    public ResourceBodyFuzzTests(FuzzClient fixture) => _fixture = fixture;

    private IRemoteApp Client(Func<HttpRequestMessage, string, HttpResponseMessage> respond, Action<RemoteAppOptions>? configure = null)
    {
        var options = _fixture.Clients.CreateOptions(Interface);
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken(AccessToken));
        configure?.Invoke(options);
        return _fixture.Clients.Create(Interface, new HttpClient(new EchoingHandler(respond)), options);
    }

    [Fact]
    public async Task Hostile_resource_bodies_through_typed_and_untyped_generated_methods_only_throw_OAuthException()
    {
        var bodies = new HostileBodies(seed: 1206);
        var client = Client((_, echo) => bodies.Next(echo));
        string[] secrets = [AccessToken];
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Bodies; i++)
        {
            var method = Methods[i % Methods.Length];
            string outcome;
            try
            {
                var value = await GeneratedClientAssembly.CallAsync(client, Interface, method);
                outcome = "value";
                if (value is OAuthResponse response)
                {
                    // Untyped: never throws on status; reading the body may only throw OAuthException.
                    outcome = Read(() => response.Data, secrets, $"{method} #{i} Data") + "/" + Read(() => response.Text, secrets, $"{method} #{i} Text");
                    _ = response.ToString();
                }
            }
            catch (Exception e)
            {
                outcome = HostileAssert.TypedAndClean(e, secrets, $"{method} #{i}").Type;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The run met successes and each kind of failure a typed method reports.
        Assert.Contains("value", outcomes.Keys);
        Assert.Contains(OAuthErrorType.HttpError, outcomes.Keys);
        Assert.Contains(OAuthErrorType.DeserializationFailed, outcomes.Keys);
        Assert.Contains(OAuthErrorType.InvalidResponse, outcomes.Keys);
        Assert.Contains(outcomes.Keys, k => k.Contains(OAuthErrorType.InvalidResponse + "/", StringComparison.Ordinal));
    }

    private static string Read(Func<object?> read, string[] secrets, string context)
    {
        try
        {
            _ = read();
            return "read";
        }
        catch (Exception e)
        {
            return HostileAssert.TypedAndClean(e, secrets, context).Type;
        }
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>")]
    [InlineData("deep")]
    public async Task A_generated_XElement_method_refuses_hostile_xml(string document)
    {
        var body = document == "deep" ? HostileBodies.Nested(40_000) : document;
        var client = Client((_, _) => StubHandler.Respond(body, "application/xml"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, Interface, "XmlAsync"));

        Assert.Contains(error.Type, new[] { OAuthErrorType.InvalidResponse, OAuthErrorType.DeserializationFailed });
    }

    [Fact]
    public async Task A_generated_XElement_method_follows_the_configured_depth()
    {
        var client = Client((_, _) => StubHandler.Respond(HostileBodies.Nested(100), "application/xml"), o => o.MaxXmlDepth = 128);

        var value = await GeneratedClientAssembly.CallAsync(client, Interface, "XmlAsync");

        Assert.Equal(99, ((XElement)value!).Descendants().Count());
    }

    [Theory]
    [InlineData("PocoAsync")]
    [InlineData("JsonAsync")]
    [InlineData("TextAsync")]
    [InlineData("FormAsync")]
    [InlineData("TypedResponseAsync")]
    public async Task Generated_methods_refuse_an_undecodable_charset_with_OAuthException(string method)
    {
        var client = Client((_, _) => StubHandler.Respond("""{"Name":"a","Id":1}""", "application/json; charset=utf-7"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, Interface, method));

        Assert.Contains(error.Type, new[] { OAuthErrorType.InvalidResponse, OAuthErrorType.DeserializationFailed });
    }

    [Fact]
    public async Task A_parser_failure_does_not_quote_echoed_names_in_its_inner_exception()
    {
        var client = Client((_, _) => StubHandler.Respond($"<x{AccessToken}><unclosed>", "application/xml"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => GeneratedClientAssembly.CallAsync(client, Interface, "XmlAsync"));

        Assert.IsType<System.Xml.XmlException>(error.InnerException);
        Assert.DoesNotContain(AccessToken, error.InnerException!.Message);
    }
}
