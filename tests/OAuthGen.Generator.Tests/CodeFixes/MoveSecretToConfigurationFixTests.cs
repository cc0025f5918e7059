using System.Threading.Tasks;
using OAuthGen.CodeFixes;
using Verifier = OAuthGen.Generator.Tests.Infrastructure.CodeFixVerifier<OAuthGen.CodeFixes.MoveSecretToConfigurationCodeFixProvider>;

namespace OAuthGen.Generator.Tests.CodeFixes;

/// <summary>OAG018: the secret leaves the source; configuration supplies it through AppKey.</summary>
public sealed class MoveSecretToConfigurationFixTests
{
    [Fact]
    public Task RemovesTheSecretAndAddsAnAppKey() => Verifier.VerifyAsync("""
        [RemoteApp("github", BaseUrl = "https://api.github.com/", AccessTokenUrl = "https://github.com/token", ConsumerKey = "id", ConsumerSecret = {|OAG018:"s3cr3t"|})]
        public partial interface IGitHub
        {
            [Get("user")] Task A();
        }
        """, """
        [RemoteApp("github", BaseUrl = "https://api.github.com/", AccessTokenUrl = "https://github.com/token", ConsumerKey = "id", AppKey = "GitHub")]
        public partial interface IGitHub
        {
            [Get("user")] Task A();
        }
        """);

    [Fact]
    public Task KeepsAnAppKeyAlreadyThere() => Verifier.VerifyAsync("""
        [RemoteApp("app", ConsumerSecret = {|OAG018:"s3cr3t"|}, BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Mine")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, """
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Mine")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """);

    [Fact]
    public Task OneArgumentPerLineStaysThatWay() => Verifier.VerifyAsync("""
        [RemoteApp("twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
            ConsumerKey = "key",
            ConsumerSecret = {|OAG018:"s3cr3t"|})]
        public partial interface ITwitter
        {
            [Get("x")] Task A();
        }
        """, """
        [RemoteApp("twitter",
            BaseUrl = "https://api.twitter.com/1.1/",
            RequestTokenUrl = "https://api.twitter.com/oauth/request_token",
            AccessTokenUrl = "https://api.twitter.com/oauth/access_token",
            AuthorizeUrl = "https://api.twitter.com/oauth/authorize",
            ConsumerKey = "key",
            AppKey = "Twitter")]
        public partial interface ITwitter
        {
            [Get("x")] Task A();
        }
        """);

    [Fact]
    public void TheFixIdIsTheDiagnosticId() =>
        Assert.Equal(MoveSecretToConfigurationCodeFixProvider.SecretInCodeId, DiagnosticDescriptors.SecretInCode.Id);
}
