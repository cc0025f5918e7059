using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator;

/// <summary>Every OAGxxx diagnostic. Each has a section in docs/diagnostics.md, which its help link points at.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "OAuthGen";

    /// <summary>
    /// The project's repository, as RepositoryUrl in Directory.Build.props (the package's project and repository URL);
    /// a test keeps the two equal.
    /// </summary>
    public const string RepositoryUrl = "https://github.com/oauthgen/oauthgen";

    private const string HelpBase = RepositoryUrl + "/blob/main/docs/diagnostics.md#";

    /// <summary>OAG001: the interface (or a type containing it) is not partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error("OAG001",
        "Remote app interface must be partial",
        "'{0}' must be declared partial so OAuthGen can add the client to it");

    /// <summary>OAG002: generic interface or nested in a generic type.</summary>
    public static readonly DiagnosticDescriptor Generic = Error("OAG002",
        "Remote app interface cannot be generic",
        "'{0}' is generic or nested in a generic type; a remote app interface must be a non-generic type");

    /// <summary>OAG003: a method without exactly one verb attribute.</summary>
    public static readonly DiagnosticDescriptor NoVerb = Error("OAG003",
        "Method needs one HTTP verb attribute",
        "'{0}' needs exactly one of [Get], [Post], [Put], [Patch], [Delete] or [Head]");

    /// <summary>OAG004: a property, event or other non-method member.</summary>
    public static readonly DiagnosticDescriptor NotMethod = Error("OAG004",
        "Only methods can be endpoints",
        "'{0}' is not a method; a remote app interface can only declare endpoint methods");

    /// <summary>OAG005: the path template is missing or malformed.</summary>
    public static readonly DiagnosticDescriptor BadPath = Error("OAG005",
        "Path template is invalid",
        "The path of '{0}' is invalid: {1}");

    /// <summary>OAG006: the return type is not one the generator can produce.</summary>
    public static readonly DiagnosticDescriptor BadReturnType = Error("OAG006",
        "Unsupported return type",
        "'{0}' returns {1}; use Task, Task<T>, Task<OAuthResponse>, Task<OAuthResponse<T>> or their ValueTask forms");

    /// <summary>OAG007: a placeholder no parameter fills.</summary>
    public static readonly DiagnosticDescriptor PlaceholderWithoutParameter = Error("OAG007",
        "Placeholder has no parameter",
        "The path placeholder '{{{0}}}' of '{1}' has no parameter named '{0}'");

    /// <summary>OAG008: a parameter that goes nowhere.</summary>
    public static readonly DiagnosticDescriptor ParameterNotBound = Error("OAG008",
        "Parameter is not bound",
        "Parameter '{0}' of type {1} is not sent: add [Body], or make it a simple type for the query");

    /// <summary>OAG009: a parameter bound twice.</summary>
    public static readonly DiagnosticDescriptor ParameterBoundTwice = Error("OAG009",
        "Parameter is bound more than once",
        "Parameter '{0}' is bound more than once ({1}); keep one binding");

    /// <summary>OAG010: more than one body, or a body and fields.</summary>
    public static readonly DiagnosticDescriptor ConflictingBody = Error("OAG010",
        "Conflicting request bodies",
        "Parameter '{0}' adds a second request body to '{1}': a request has one [Body], or [Field]s, not both");

    /// <summary>OAG011: a body on GET or HEAD.</summary>
    public static readonly DiagnosticDescriptor BodyOnGet = Error("OAG011",
        "GET and HEAD requests have no body",
        "Parameter '{0}' is a body or field, but '{1}' is a {2} request, which has no body; use [Query]");

    /// <summary>OAG012: more than one CancellationToken, OAuthToken or [TokenName] parameter.</summary>
    public static readonly DiagnosticDescriptor DuplicateSpecialParameter = Error("OAG012",
        "Duplicate special parameter",
        "'{0}' has more than one {1} parameter");

    /// <summary>OAG013: a parameter type the binding cannot send.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error("OAG013",
        "Unsupported parameter type",
        "Parameter '{0}' of type {1} cannot be sent as {2}");

    /// <summary>OAG014: an invalid URL in [RemoteApp].</summary>
    public static readonly DiagnosticDescriptor InvalidUrl = Error("OAG014",
        "Invalid URL",
        "{0} '{1}' is not valid: {2}");

    /// <summary>OAG015: an OAuth 1.0a app without its endpoints.</summary>
    public static readonly DiagnosticDescriptor OAuth1MissingEndpoints = Error("OAG015",
        "OAuth 1.0a app is missing endpoints",
        "'{0}' is an OAuth 1.0a app (it has a RequestTokenUrl) but has no {1}; set it, or set AppKey to read it from configuration");

    /// <summary>OAG016: an OAuth 2.0 app without a token endpoint.</summary>
    public static readonly DiagnosticDescriptor OAuth2MissingEndpoints = Warning("OAG016",
        "OAuth 2.0 app has no token endpoint",
        "'{0}' is an OAuth 2.0 app without AccessTokenUrl; set it, ServerMetadataUrl, or AppKey to read it from configuration");

    /// <summary>OAG017: a plain-http URL to a non-loopback host.</summary>
    public static readonly DiagnosticDescriptor InsecureUrl = Warning("OAG017",
        "Plain http URL",
        "{0} '{1}' uses plain http to a non-loopback host: tokens and secrets would travel in clear text; use https");

    /// <summary>OAG018: a consumer secret written in code.</summary>
    public static readonly DiagnosticDescriptor SecretInCode = Warning("OAG018",
        "Consumer secret in source code",
        "ConsumerSecret is a string literal in source code; read it from configuration (set AppKey) instead");

    /// <summary>OAG019: JsonContext that is not a JsonSerializerContext.</summary>
    public static readonly DiagnosticDescriptor BadJsonContext = Error("OAG019",
        "JsonContext must be a JsonSerializerContext",
        "JsonContext '{0}' is not a System.Text.Json.Serialization.JsonSerializerContext");

    /// <summary>OAG020: the same app name twice.</summary>
    public static readonly DiagnosticDescriptor DuplicateAppName = Error("OAG020",
        "Duplicate remote app name",
        "The remote app name '{0}' is already used by '{1}'; names identify apps to token getters and must be unique",
        // Found only once every interface is seen: the end of the compilation.
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>OAG021: a generic method or one with ref, out or in parameters.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMethod = Error("OAG021",
        "Unsupported method shape",
        "'{0}' cannot be an endpoint: {1}");

    /// <summary>OAG022: a [Headers] entry that is not "Name: value".</summary>
    public static readonly DiagnosticDescriptor BadHeader = Error("OAG022",
        "Malformed header",
        "The header \"{0}\" is not of the form \"Name: value\"");

    /// <summary>OAG023: an interface the generated implementation cannot see (private or protected nesting, file-local).</summary>
    public static readonly DiagnosticDescriptor Inaccessible = Error("OAG023",
        "Remote app interface must be visible in its assembly",
        "'{0}' is private, protected or file-local; make it internal or public so the generated client can implement it");

    /// <summary>OAG024: a RequestTokenMethod or AccessTokenMethod that is not an HTTP method token.</summary>
    public static readonly DiagnosticDescriptor InvalidHttpMethod = Error("OAG024",
        "Invalid HTTP method",
        "{0} '{1}' is not an HTTP method; use GET or POST (a non-empty token without spaces or separators)");

    /// <summary>OAG025: a JsonContext the generated code cannot reach (private, protected, file-local) or without <c>Default</c>.</summary>
    public static readonly DiagnosticDescriptor UnusableJsonContext = Error("OAG025",
        "JsonContext cannot be used by the generated client",
        "JsonContext '{0}' cannot be used by the generated client: {1}");

    /// <summary>OAG026: a member named like one every generated client has (IRemoteApp's, or the generated statics).</summary>
    public static readonly DiagnosticDescriptor ReservedName = Error("OAG026",
        "Member name is taken by the generated client",
        "'{0}' has the name of {1}, which every generated client has; rename it");

    /// <summary>OAG027: a static abstract or static virtual member, which a client class cannot implement for the user.</summary>
    public static readonly DiagnosticDescriptor StaticAbstractMember = Error("OAG027",
        "Static abstract members are not supported",
        "'{0}' is static abstract or static virtual; a remote app interface (and its base interfaces) can only declare instance endpoints and static members with bodies");

    /// <summary>OAG028: a remote app interface deriving from another one.</summary>
    public static readonly DiagnosticDescriptor DerivesFromRemoteApp = Error("OAG028",
        "Remote app interface derives from another remote app",
        "'{0}' derives from the remote app interface '{1}'; each app is its own client: share endpoints through a plain base interface instead");

    /// <summary>OAG029: an AOT-compiled project whose remote app reads or writes POCOs as JSON without a JsonContext.</summary>
    public static readonly DiagnosticDescriptor JsonWithoutContextUnderAot = Warning("OAG029",
        "JSON without a JsonContext in an AOT project",
        "'{0}' reads or writes {1} as JSON without a JsonContext, and this project is compiled ahead of time (PublishAot or IsAotCompatible), where reflection-based System.Text.Json fails; set JsonContext = typeof(a JsonSerializerContext listing {1})");

    /// <summary>OAG032: the device authorization grant configured on an OAuth 1.0a app.</summary>
    public static readonly DiagnosticDescriptor DeviceFlowOnOAuth1 = Error("OAG032",
        "Device authorization on an OAuth 1.0a app",
        "'{0}' is an OAuth 1.0a app (it has a RequestTokenUrl), and the device authorization grant (RFC 8628) is OAuth 2.0 only; remove DeviceAuthorizationUrl or RequestTokenUrl");

    /// <summary>OAG033: JWT client authentication configured on an OAuth 1.0a app.</summary>
    public static readonly DiagnosticDescriptor JwtClientAuthOnOAuth1 = Error("OAG033",
        "JWT client authentication on an OAuth 1.0a app",
        "'{0}' is an OAuth 1.0a app (it has a RequestTokenUrl), which signs its requests; ClientAuthMethod {1} is OAuth 2.0 client authentication (RFC 7523)");

    /// <summary>OAG034: a client assertion algorithm the client authentication method cannot sign with.</summary>
    public static readonly DiagnosticDescriptor ClientAssertionAlgorithmMismatch = Error("OAG034",
        "Client assertion algorithm does not fit the client authentication method",
        "ClientAssertionAlgorithm '{0}' cannot be used with ClientAuthMethod {1}: {2}");
    /// <summary>OAG030: the openid scope on an OAuth 1.0a app, which has no OpenID Connect.</summary>
    public static readonly DiagnosticDescriptor OpenIdOnOAuth1 = Error("OAG030",
        "OpenID Connect needs OAuth 2.0",
        "'{0}' asks for the openid scope, but it is an OAuth 1.0a app (it has a RequestTokenUrl); OpenID Connect works on OAuth 2.0 only");

    /// <summary>OAG031: an OpenID Connect app with no way to find the keys that sign its id_tokens.</summary>
    public static readonly DiagnosticDescriptor OpenIdWithoutKeys = Warning("OAG031",
        "OpenID Connect app cannot find its signing keys",
        "'{0}' asks for the openid scope but has neither ServerMetadataUrl nor JwksUrl, so its id_tokens cannot be validated; set ServerMetadataUrl (discovery), or JwksUrl with OpenIdConnectPolicy.Issuer");
    /// <summary>OAG035: pushed authorization requests or DPoP, OAuth 2.0 features, on an OAuth 1.0a app (RequestTokenUrl set).</summary>
    public static readonly DiagnosticDescriptor OAuth2OnlyOnOAuth1 = Error("OAG035",
        "Pushed authorization or DPoP on an OAuth 1.0a app",
        "Remote app '{0}' is OAuth 1.0a (RequestTokenUrl is set), but {1} is an OAuth 2.0 setting (RFC 9126, RFC 9449); remove it or RequestTokenUrl");

    /// <summary>OAG036: pushed authorization request settings that cannot work.</summary>
    public static readonly DiagnosticDescriptor PushedAuthorizationUnusable = Error("OAG036",
        "Pushed authorization request settings cannot work",
        "Remote app '{0}' cannot push its authorization requests: {1}");

    /// <summary>OAG037: DPoP with the access token in the query or body, where a DPoP-bound token can never go.</summary>
    public static readonly DiagnosticDescriptor DPoPTokenNotInHeader = Error("OAG037",
        "DPoP tokens travel in the Authorization header",
        "Remote app '{0}' uses DPoP, whose tokens are sent only as 'Authorization: DPoP' (RFC 9449 §7.1); remove TokenPlacement or set it to Header");

    /// <summary>Every descriptor, for the analyzer's supported diagnostics.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        NotPartial, Generic, NoVerb, NotMethod, BadPath, BadReturnType, PlaceholderWithoutParameter, ParameterNotBound,
        ParameterBoundTwice, ConflictingBody, BodyOnGet, DuplicateSpecialParameter, UnsupportedParameterType, InvalidUrl,
        OAuth1MissingEndpoints, OAuth2MissingEndpoints, InsecureUrl, SecretInCode, BadJsonContext, DuplicateAppName,
        UnsupportedMethod, BadHeader, Inaccessible, InvalidHttpMethod, UnusableJsonContext, ReservedName, StaticAbstractMember,
        DerivesFromRemoteApp, JsonWithoutContextUnderAot,
        DeviceFlowOnOAuth1, JwtClientAuthOnOAuth1, ClientAssertionAlgorithmMismatch,
        OpenIdOnOAuth1, OpenIdWithoutKeys,
        OAuth2OnlyOnOAuth1, PushedAuthorizationUnusable, DPoPTokenNotInHeader,
    ];

    private static DiagnosticDescriptor Error(string id, string title, string message, params string[] tags) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant(), customTags: tags);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
