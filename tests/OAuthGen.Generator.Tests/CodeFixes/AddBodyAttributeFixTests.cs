using System.Threading.Tasks;
using OAuthGen.CodeFixes;
using Verifier = OAuthGen.Generator.Tests.Infrastructure.CodeFixVerifier<OAuthGen.CodeFixes.AddBodyAttributeCodeFixProvider>;

namespace OAuthGen.Generator.Tests.CodeFixes;

/// <summary>OAG008: a parameter that cannot go to the query becomes the request body, where the request has one.</summary>
public sealed class AddBodyAttributeFixTests
{
    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    [Fact]
    public Task AddsBody() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Post("x")] Task A(Poco {|OAG008:poco|}, CancellationToken cancellationToken = default);
            [Put("y")] Task B(int id, Dictionary<string, Poco> {|OAG008:values|});
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Post("x")] Task A([Body] Poco poco, CancellationToken cancellationToken = default);
            [Put("y")] Task B(int id, [Body] Dictionary<string, Poco> values);
        }
        """);

    [Fact]
    public Task GetHasNoBodySoNoFixIsOffered() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task A(Poco {|OAG008:poco|});
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task A(Poco {|OAG008:poco|});
        }
        """);

    [Fact]
    public void TheFixIdIsTheDiagnosticId() =>
        Assert.Equal(AddBodyAttributeCodeFixProvider.ParameterNotBoundId, DiagnosticDescriptors.ParameterNotBound.Id);
}
