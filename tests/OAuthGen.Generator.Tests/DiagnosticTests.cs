using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests;

/// <summary>One test per OAGxxx diagnostic: the exact span ({|#0:...|}), severity and message arguments.</summary>
public sealed partial class DiagnosticTests
{
    private const string Usings = """
        #pragma warning disable CS1591 // test sources are not documented; generated code is still checked
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace App;

        public sealed class Poco { public string? Name { get; set; } }

        """;

    private const string App = """[RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App")]""";

    private static DiagnosticResult At(DiagnosticDescriptor descriptor, params object[] arguments) =>
        new DiagnosticResult(descriptor).WithLocation(0).WithArguments(arguments);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyDocumentAsync(Usings + source, expected);

    private static async Task VerifyDocumentAsync(string document, params DiagnosticResult[] expected)
    {
        var test = new GeneratorAndAnalyzerTest
        {
            // Never ReferenceAssemblies.Net.Net100: it asks NuGet for a package version the mirror lacks.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        test.TestState.AdditionalReferences.AddRange(CompilationHelper.References);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Preview);
            return solution.WithProjectCompilationOptions(projectId, options).WithProjectParseOptions(projectId, parseOptions);
        });
        test.TestState.Sources.Add(document);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The generator and the analyzer together, as a build runs them: the analyzer sees the generated code.</summary>
    private sealed class GeneratorAndAnalyzerTest : CSharpSourceGeneratorTest<OAuthGenGenerator, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new OAuthGenAnalyzer()];
    }

    [Fact]
    public Task OAG001_InterfaceNotPartial() => VerifyAsync($$"""
        {{App}}
        public interface {|#0:IApi|}
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.NotPartial, "IApi"));

    [Fact]
    public Task OAG001_ContainingTypeNotPartial() => VerifyAsync($$"""
        public static class {|#0:Outer|}
        {
            {{App}}
            public partial interface IApi
            {
                [Get("x")] Task A();
            }
        }
        """, At(DiagnosticDescriptors.NotPartial, "Outer"));

    [Fact]
    public Task OAG002_GenericInterface() => VerifyAsync($$"""
        {{App}}
        public partial interface {|#0:IApi|}<T>
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.Generic, "IApi"));

    [Fact]
    public Task OAG003_MethodWithoutVerb() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            Task {|#0:A|}();
        }
        """, At(DiagnosticDescriptors.NoVerb, "A"));

    [Fact]
    public Task OAG004_Property() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            string {|#0:Name|} { get; }
        }
        """, At(DiagnosticDescriptors.NotMethod, "Name"));

    [Fact]
    public Task OAG005_MalformedPath() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|#0:"users/{id"|})] Task A(string id);
        }
        """, At(DiagnosticDescriptors.BadPath, "A", "the placeholder opened at position 6 is never closed"));

    [Fact]
    public Task OAG006_UnsupportedReturnType() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] {|#0:string|} A();
        }
        """, At(DiagnosticDescriptors.BadReturnType, "A", "string"));

    [Fact]
    public Task OAG007_PlaceholderWithoutParameter() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|#0:"users/{id}"|})] Task A();
        }
        """, At(DiagnosticDescriptors.PlaceholderWithoutParameter, "id", "A"));

    [Fact]
    public Task OAG007_EachUnfilledPlaceholderOnceInTemplateOrder() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get({|#0:"users/{user}/repos/{repo}/{owner}/{repo}/{user}"|})] Task A(string owner);
        }
        """,
        At(DiagnosticDescriptors.PlaceholderWithoutParameter, "user", "A"),
        At(DiagnosticDescriptors.PlaceholderWithoutParameter, "repo", "A"));

    [Fact]
    public Task OAG008_ParameterBoundNowhere() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Post("x")] Task A(Poco {|#0:poco|});
        }
        """, At(DiagnosticDescriptors.ParameterNotBound, "poco", "App.Poco"));

    [Fact]
    public Task OAG009_ParameterBoundTwice() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("users/{id}")] Task A([Query] string {|#0:id|});
        }
        """, At(DiagnosticDescriptors.ParameterBoundTwice, "id", "{id}, [Query]"));

    [Fact]
    public Task OAG010_BodyAndFields() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Post("x")] Task A([Body] Poco body, [Field] string {|#0:name|});
        }
        """, At(DiagnosticDescriptors.ConflictingBody, "name", "A"));

    [Fact]
    public Task OAG011_BodyOnGet() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task A([Body] Poco {|#0:body|});
        }
        """, At(DiagnosticDescriptors.BodyOnGet, "body", "A", "GET"));

    [Fact]
    public Task OAG012_TwoCancellationTokens() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task A(CancellationToken first, CancellationToken {|#0:second|});
        }
        """, At(DiagnosticDescriptors.DuplicateSpecialParameter, "A", "CancellationToken"));

    [Fact]
    public Task OAG013_UnsupportedHeaderType() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task A([Header("X-Thing")] Poco {|#0:thing|});
        }
        """, At(DiagnosticDescriptors.UnsupportedParameterType, "thing", "App.Poco", "a header"));

    [Fact]
    public Task OAG014_InvalidUrl() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = {|#0:"api.example.com"|}, AccessTokenUrl = "https://example.com/token", AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InvalidUrl, "BaseUrl", "api.example.com", "it must be an absolute http or https URL"));

    [Fact]
    public Task OAG014_RelativeUrlWithAScheme() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = {|#0:"ht!tp:/bad url"|}, AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InvalidUrl, "AccessTokenUrl", "ht!tp:/bad url",
        "'ht!tp:' makes it an absolute URL of another scheme; use an absolute http or https URL, or a relative path without a ':' before its first '/'"));

    [Fact]
    public Task OAG014_RelativeUrlWithASpace() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", RevocationUrl = {|#0:"oauth/re voke"|}, AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InvalidUrl, "RevocationUrl", "oauth/re voke", "it contains white space or a control character; percent-encode it (%20)"));

    [Fact]
    public Task OAG014_JavaScriptUrl() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AuthorizeUrl = {|#0:"javascript:alert(1)"|}, AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InvalidUrl, "AuthorizeUrl", "javascript:alert(1)",
        "'javascript:' makes it an absolute URL of another scheme; use an absolute http or https URL, or a relative path without a ':' before its first '/'"));

    [Fact]
    public Task OAG014_WellFormedRelativeUrlsAreFine() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "oauth/token?x=a:b", AuthorizeUrl = "/oauth/authorize", RevocationUrl = "oauth/re%20voke", AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """);

    [Fact]
    public Task OAG015_OAuth1WithoutEndpoints() => VerifyAsync("""
        [{|#0:RemoteApp("app", BaseUrl = "https://api.example.com/", RequestTokenUrl = "https://example.com/request_token")|}]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.OAuth1MissingEndpoints, "app", "AccessTokenUrl or AuthorizeUrl"));

    [Fact]
    public Task OAG016_OAuth2WithoutTokenEndpoint() => VerifyAsync("""
        [{|#0:RemoteApp("app", BaseUrl = "https://api.example.com/")|}]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.OAuth2MissingEndpoints, "app"));

    [Fact]
    public Task OAG016_NotReportedForAnApiOnlyApp() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", ApiOnly = true)]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """);

    [Fact]
    public Task OAG017_PlainHttp() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = {|#0:"http://api.example.com/"|}, AccessTokenUrl = "https://example.com/token", AppKey = "App")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InsecureUrl, "BaseUrl", "http://api.example.com/"));

    [Fact]
    public Task OAG018_SecretInCode() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", ConsumerKey = "key", ConsumerSecret = {|#0:"s3cr3t"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.SecretInCode));

    [Fact]
    public Task OAG019_JsonContextNotAContext() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", JsonContext = {|#0:typeof(Poco)|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.BadJsonContext, "App.Poco"));

    [Fact]
    public Task OAG020_DuplicateAppName() => VerifyAsync($$"""
        {{App}}
        public partial interface IFirst
        {
            [Get("x")] Task A();
        }

        [RemoteApp({|#0:"app"|}, BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Other")]
        public partial interface ISecond
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.DuplicateAppName, "app", "IFirst"));

    [Fact]
    public Task OAG021_GenericMethod() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task<T> {|#0:A|}<T>();
        }
        """, At(DiagnosticDescriptors.UnsupportedMethod, "A", "generic methods are not supported"));

    [Fact]
    public Task OAG022_MalformedHeader() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")]
            [Headers("Accept: application/json", {|#0:"NoColonHere"|})]
            Task A();
        }
        """, At(DiagnosticDescriptors.BadHeader, "NoColonHere"));

    [Fact]
    public Task OAG023_PrivateNestedInterface() => VerifyAsync($$"""
        public partial class Outer
        {
            {{App}}
            private partial interface {|#0:IApi|}
            {
                [Get("x")] Task A();
            }
        }
        """, At(DiagnosticDescriptors.Inaccessible, "IApi"));

    [Fact]
    public Task OAG024_EmptyTokenMethod() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", AccessTokenMethod = {|#0:""|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.InvalidHttpMethod, "AccessTokenMethod", ""));

    [Fact]
    public Task OAG025_PrivateNestedJsonContext() => VerifyAsync($$"""
        public partial class Outer
        {
            [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", JsonContext = {|#0:typeof(PrivateContext)|})]
            public partial interface IApi
            {
                [Get("x")] Task<Poco> A();
            }

            private sealed class PrivateContext() : System.Text.Json.Serialization.JsonSerializerContext(null)
            {
                public static PrivateContext Default { get; } = new();
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
            }
        }
        """, At(DiagnosticDescriptors.UnusableJsonContext, "App.Outer.PrivateContext", "it is private, protected or file-local; make it internal or public"));

    [Fact]
    public Task OAG025_FileLocalJsonContext() => VerifyAsync($$"""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", JsonContext = {|#0:typeof(FileContext)|})]
        public partial interface IApi
        {
            [Get("x")] Task<Poco> A();
        }

        file sealed class FileContext() : System.Text.Json.Serialization.JsonSerializerContext(null)
        {
            public static FileContext Default { get; } = new();
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
        }
        """, At(DiagnosticDescriptors.UnusableJsonContext, "App.FileContext", "it is private, protected or file-local; make it internal or public"));

    [Fact]
    public Task OAG025_JsonContextWithoutDefault() => VerifyAsync($$"""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App", JsonContext = {|#0:typeof(HandWrittenContext)|})]
        public partial interface IApi
        {
            [Get("x")] Task<Poco> A();
        }

        public sealed class HandWrittenContext() : System.Text.Json.Serialization.JsonSerializerContext(null)
        {
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
        }
        """, At(DiagnosticDescriptors.UnusableJsonContext, "App.HandWrittenContext",
            "it has no static Default property; declare it partial with [JsonSerializable] attributes so the System.Text.Json source generator adds one"));

    [Fact]
    public Task OAG023_FileLocalInterface() => VerifyAsync($$"""
        {{App}}
        file partial interface {|#0:IApi|}
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.Inaccessible, "IApi"));

    [Fact]
    public Task OAG026_MethodNamedCreateOptions() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task {|#0:CreateOptions|}();
        }
        """, At(DiagnosticDescriptors.ReservedName, "CreateOptions", "the generated static method CreateOptions"));

    [Fact]
    public Task OAG026_MethodNamedOptions() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            [Get("x")] Task {|#0:Options|}();
        }
        """, At(DiagnosticDescriptors.ReservedName, "Options", "IRemoteApp.Options"));

    [Fact]
    public Task OAG027_StaticAbstractMember() => VerifyAsync($$"""
        {{App}}
        public partial interface IApi
        {
            static abstract IApi {|#0:Make|}();
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.StaticAbstractMember, "Make"));

    [Fact]
    public Task OAG028_RemoteAppDerivesFromRemoteApp() => VerifyAsync($$"""
        {{App}}
        public partial interface IBase
        {
            [Get("x")] Task A();
        }

        [RemoteApp("other", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "Other")]
        public partial interface {|#0:IApi|} : IBase
        {
            [Get("y")] Task B();
        }
        """, At(DiagnosticDescriptors.DerivesFromRemoteApp, "IApi", "IBase"));

    [Fact]
    public Task OAG032_DeviceAuthorizationOnOAuth1() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", RequestTokenUrl = "https://example.com/rt", AccessTokenUrl = "https://example.com/at",
            AuthorizeUrl = "https://example.com/authorize", AppKey = "App", DeviceAuthorizationUrl = {|#0:"https://example.com/device"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.DeviceFlowOnOAuth1, "app"));

    [Fact]
    public Task OAG033_JwtClientAuthenticationOnOAuth1() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", RequestTokenUrl = "https://example.com/rt", AccessTokenUrl = "https://example.com/at",
            AuthorizeUrl = "https://example.com/authorize", AppKey = "App", ClientAuthMethod = {|#0:ClientAuthMethod.PrivateKeyJwt|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.JwtClientAuthOnOAuth1, "app", "PrivateKeyJwt"));

    [Fact]
    public Task OAG034_HmacAlgorithmForPrivateKeyJwt() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App",
            ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt, ClientAssertionAlgorithm = {|#0:"HS256"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.ClientAssertionAlgorithmMismatch, "HS256", "PrivateKeyJwt",
            "private_key_jwt signs with RS256, RS384, RS512, PS256, PS384, PS512 (RSA keys) or ES256, ES384, ES512 (EC keys)"));

    [Fact]
    public Task OAG034_KeyAlgorithmForClientSecretJwt() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App",
            ClientAuthMethod = ClientAuthMethod.ClientSecretJwt, ClientAssertionAlgorithm = {|#0:"RS256"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.ClientAssertionAlgorithmMismatch, "RS256", "ClientSecretJwt", "client_secret_jwt signs with HS256, HS384 or HS512"));

    [Fact]
    public Task OAG034_AlgorithmWithoutJwtClientAuthentication() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App",
            ClientAssertionAlgorithm = {|#0:"ES256"|})]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """, At(DiagnosticDescriptors.ClientAssertionAlgorithmMismatch, "ES256", "ClientSecretPost", "only PrivateKeyJwt and ClientSecretJwt send a client assertion"));

    [Fact]
    public Task DeviceFlowAndJwtClientAuthenticationOnOAuth2_ReportNothing() => VerifyAsync("""
        [RemoteApp("app", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://example.com/token", AppKey = "App",
            DeviceAuthorizationUrl = "device", ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt, ClientAssertionAlgorithm = "PS256",
            ClientAssertionKeyId = "key-1")]
        public partial interface IApi
        {
            [Get("x")] Task A();
        }
        """);

    [Fact]
    public Task LargeValidInterface_ReportsNothing() => VerifyDocumentAsync("#pragma warning disable CS1591\n" + TestSources.Large);

    [Fact]
    public Task OAG030_OpenIdOnOAuth1() => VerifyAsync("""
        [RemoteApp("app", RequestTokenUrl = "https://example.com/request", AccessTokenUrl = "https://example.com/access",
            AuthorizeUrl = "https://example.com/authorize", Scope = {|#0:"openid profile"|})]
        public partial interface IApi
        {
            [Get("https://api.example.com/x")] Task A();
        }
        """, At(DiagnosticDescriptors.OpenIdOnOAuth1, "app"));

    [Fact]
    public Task OAG031_OpenIdWithoutKeys() => VerifyAsync("""
        [RemoteApp("app", AuthorizeUrl = "https://example.com/authorize", AccessTokenUrl = "https://example.com/token", Scope = {|#0:"profile openid"|})]
        public partial interface IApi
        {
            [Get("https://api.example.com/x")] Task A();
        }
        """, At(DiagnosticDescriptors.OpenIdWithoutKeys, "app"));

    [Fact]
    public Task OAG031_NotReportedWithDiscoveryOrAJwksUrl() => VerifyAsync("""
        [RemoteApp("one", ServerMetadataUrl = "https://example.com/.well-known/openid-configuration", Scope = "openid")]
        public partial interface IOne
        {
            [Get("https://api.example.com/x")] Task A();
        }

        [RemoteApp("two", AuthorizeUrl = "https://example.com/authorize", AccessTokenUrl = "https://example.com/token",
            JwksUrl = "https://example.com/jwks", UserInfoUrl = "https://example.com/userinfo", EndSessionUrl = "https://example.com/logout", Scope = "openid")]
        public partial interface ITwo
        {
            [Get("https://api.example.com/x")] Task A();
        }
        """);
}
