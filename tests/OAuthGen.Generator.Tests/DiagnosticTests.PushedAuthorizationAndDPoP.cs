using System.Threading.Tasks;

namespace OAuthGen.Generator.Tests;

/// <summary>OAG035–OAG037: pushed authorization (RFC 9126) and DPoP (RFC 9449) settings that cannot work.</summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public Task OAG035_DPoPOnOAuth1() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", RequestTokenUrl = "https://example.com/rt", AccessTokenUrl = "https://example.com/at",
            AuthorizeUrl = "https://example.com/authorize", UseDPoP = {|#0:true|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.OAuth2OnlyOnOAuth1, "app", "UseDPoP"));

    [Fact]
    public Task OAG035_PushedAuthorizationOnOAuth1() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", RequestTokenUrl = "https://example.com/rt", AccessTokenUrl = "https://example.com/at",
            AuthorizeUrl = "https://example.com/authorize", PushedAuthorizationRequestUrl = {|#0:"https://example.com/par"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.OAuth2OnlyOnOAuth1, "app", "PushedAuthorizationRequestUrl"));

    [Fact]
    public Task OAG036_RequiredWithoutEndpoint() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AuthorizeUrl = "https://example.com/authorize",
            PushedAuthorization = {|#0:PushedAuthorization.Require|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.PushedAuthorizationUnusable, "app",
        "PushedAuthorization is Require but no endpoint can be known; set PushedAuthorizationRequestUrl, ServerMetadataUrl (for a discovered pushed_authorization_request_endpoint) or AppKey (to read it from configuration)"));

    [Fact]
    public Task OAG036_UrlWhileDisabled() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AuthorizeUrl = "https://example.com/authorize",
            PushedAuthorization = PushedAuthorization.Disable, PushedAuthorizationRequestUrl = {|#0:"par"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.PushedAuthorizationUnusable, "app",
        "PushedAuthorizationRequestUrl is set but PushedAuthorization is Disable; remove one of them"));

    [Fact]
    public Task OAG036_NoAuthorizationEndpoint() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", PushedAuthorizationRequestUrl = {|#0:"par"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.PushedAuthorizationUnusable, "app",
        "the user is still sent to the authorization endpoint with the request_uri, and there is none; set AuthorizeUrl or ServerMetadataUrl"));

    [Fact]
    public Task OAG037_DPoPWithQueryToken() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", UseDPoP = true,
            TokenPlacement = {|#0:TokenPlacement.Query|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.DPoPTokenNotInHeader, "app"));

    [Fact]
    public Task PushedAuthorizationAndDPoPTogetherAreFine() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", ServerMetadataUrl = "https://example.com/.well-known/oauth-authorization-server",
            PushedAuthorization = PushedAuthorization.Require, UseDPoP = true, ClientAuthMethod = ClientAuthMethod.None)]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """);
}
