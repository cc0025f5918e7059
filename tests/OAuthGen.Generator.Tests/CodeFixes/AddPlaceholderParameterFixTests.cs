using System.Threading.Tasks;
using OAuthGen.CodeFixes;
using Verifier = OAuthGen.Generator.Tests.Infrastructure.CodeFixVerifier<OAuthGen.CodeFixes.AddPlaceholderParameterCodeFixProvider>;

namespace OAuthGen.Generator.Tests.CodeFixes;

/// <summary>OAG007: the missing placeholder parameter is added, before optional and cancellation parameters.</summary>
public sealed class AddPlaceholderParameterFixTests
{
    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    [Fact]
    public Task AddsTheParameter() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|OAG007:"users/{id}"|})] Task A();
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Get("users/{id}")] Task A(string id);
        }
        """);

    [Fact]
    public Task AddsItBeforeOptionalAndCancellationParameters() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|OAG007:"users/{user}/repos"|})] Task A(int page, string? sort = null, CancellationToken cancellationToken = default);
            [Get({|OAG007:"users/{user}"|})] Task B(CancellationToken cancellationToken);
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Get("users/{user}/repos")] Task A(int page, string user, string? sort = null, CancellationToken cancellationToken = default);
            [Get("users/{user}")] Task B(string user, CancellationToken cancellationToken);
        }
        """);

    [Fact]
    public Task SeveralPlaceholdersOfOneMethodAreAddedInTemplateOrder() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|OAG007:{|OAG007:"repos/{owner}/{repo}"|}|})] Task A(CancellationToken cancellationToken = default);
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Get("repos/{owner}/{repo}")] Task A(string owner, string repo, CancellationToken cancellationToken = default);
        }
        """);

    [Fact]
    public Task AKeywordPlaceholderIsEscaped() => Verifier.VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|OAG007:"items/{class}"|})] Task A();
        }
        """, $$"""
        {{App}}
        public partial interface IApi
        {
            [Get("items/{class}")] Task A(string @class);
        }
        """);

    [Fact]
    public void TheFixIdIsTheDiagnosticId() =>
        Assert.Equal(AddPlaceholderParameterCodeFixProvider.PlaceholderWithoutParameterId, DiagnosticDescriptors.PlaceholderWithoutParameter.Id);
}
