using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    private static readonly string[] AbsoluteUrlProperties = ["BaseUrl", "ServerMetadataUrl"];
    private static readonly string[] EndpointUrlProperties = ["RequestTokenUrl", "AccessTokenUrl", "AuthorizeUrl", "RevocationUrl",
        "DeviceAuthorizationUrl", "JwksUrl", "UserInfoUrl", "EndSessionUrl", "PushedAuthorizationRequestUrl"];
    private static readonly char[] PathDelimiters = ['/', '?', '#'];

    /// <summary>What <c>[RemoteApp]</c> says: the options initializer plus the facts the rest of the parse needs.</summary>
    private sealed record RemoteAppInfo(EquatableArray<OptionAssignment> Options, string? JsonContext);

    private RemoteAppInfo ParseRemoteApp(AttributeData attribute)
    {
        var name = FirstArgument(attribute) as string;
        var namedArguments = attribute.NamedArguments;
        var options = new List<OptionAssignment>(namedArguments.Length + 1) { new("Name", CSharpText.Literal(name ?? "")) };
        string? jsonContext = null;
        foreach (var argument in namedArguments)
        {
            if (argument.Key == "JsonContext")
            {
                jsonContext = ParseJsonContext(attribute, argument.Value);
                if (jsonContext is not null) options.Add(new("JsonSerializerOptions", jsonContext + ".Default.Options"));
                continue;
            }
            if (OptionExpression(attribute, argument.Key, argument.Value) is { } expression) options.Add(new(argument.Key, expression));
        }

        var allowInsecure = Value(namedArguments, "AllowInsecureHttp") is true;
        var baseUrl = Text(namedArguments, "BaseUrl");
        var hasAppKey = Text(namedArguments, "AppKey") is not null;
        foreach (var property in AbsoluteUrlProperties)
        {
            if (Text(namedArguments, property) is { } url) CheckUrl(attribute, property, url, mustBeAbsolute: true, baseUrl, hasAppKey, allowInsecure);
        }
        foreach (var property in EndpointUrlProperties)
        {
            if (Text(namedArguments, property) is { } url) CheckUrl(attribute, property, url, mustBeAbsolute: false, baseUrl, hasAppKey, allowInsecure);
        }
        if (!string.IsNullOrEmpty(Text(namedArguments, "ConsumerSecret")))
        {
            Report(DiagnosticDescriptors.SecretInCode, AtNamedArgument(attribute, "ConsumerSecret"));
        }
        CheckEndpoints(attribute, name ?? "", namedArguments);
        CheckClientAuthentication(attribute, name ?? "", namedArguments);
        CheckOpenIdConnect(attribute, name ?? "", namedArguments);
        CheckPushedAuthorizationAndDPoP(attribute, name ?? "", namedArguments);
        return new RemoteAppInfo(new([.. options]), jsonContext);
    }

    /// <summary>The value of the named argument <paramref name="property"/> (the last one, as the compiler binds it), or null.</summary>
    private static object? Value(ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments, string property)
    {
        object? value = null;
        foreach (var argument in namedArguments)
        {
            if (argument.Key == property) value = argument.Value.Value;
        }
        return value;
    }

    private static string? Text(ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments, string property) =>
        Value(namedArguments, property) as string;

    private string? ParseJsonContext(AttributeData attribute, TypedConstant value)
    {
        if (value.Value is not ITypeSymbol type) return null;
        if (!KnownTypes.DerivesFrom(type, _known.JsonSerializerContext) || type.IsAbstract)
        {
            Report(DiagnosticDescriptors.BadJsonContext, AtNamedArgument(attribute, "JsonContext"), type.ToDisplayString());
            return null;
        }
        var problem = !IsReachableFromGeneratedCode(type)
            ? "it is private, protected or file-local; make it internal or public"
            : !HasDefaultInstance(type)
                ? "it has no static Default property; declare it partial with [JsonSerializable] attributes so the System.Text.Json source generator adds one"
                : null;
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnusableJsonContext, AtNamedArgument(attribute, "JsonContext"), type.ToDisplayString(), problem);
            return null;
        }
        return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    /// <summary>
    /// The generated code names the context from its own file, outside every user type (the implementation is a top-level
    /// class): private or protected nesting and file-local types are out of its reach.
    /// </summary>
    private static bool IsReachableFromGeneratedCode(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The generated code reads <c>Context.Default</c>. The System.Text.Json generator adds it to contexts with
    /// [JsonSerializable] in this same compilation, so it is not visible here yet: such a context counts as having one.
    /// </summary>
    private bool HasDefaultInstance(ITypeSymbol type)
    {
        var declared = type.GetMembers("Default").Any(m => m.IsStatic && m is IPropertySymbol or IFieldSymbol &&
            m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);
        return declared || type.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.JsonSerializableAttribute));
    }

    /// <summary>
    /// The C# expression for one attribute value, as the matching <c>RemoteAppOptions</c> property expects it; none when
    /// the value means "keep the default" (null for a property that cannot hold null) or is reported as invalid.
    /// </summary>
    private string? OptionExpression(AttributeData attribute, string property, TypedConstant value)
    {
        if (value.IsNull) return AcceptsNull(property) ? "null" : null;
        if (property is "RequestTokenMethod" or "AccessTokenMethod")
        {
            var method = ((string)value.Value!).Trim().ToUpperInvariant();
            if (!IsHttpMethodToken(method))
            {
                // new HttpMethod("") or "PO ST" would throw when the options are created, i.e. at startup.
                Report(DiagnosticDescriptors.InvalidHttpMethod, AtNamedArgument(attribute, property), property, (string)value.Value!);
                return null;
            }
            return CSharpText.HttpMethodExpression(method);
        }
        return value.Kind switch
        {
            TypedConstantKind.Enum => EnumExpression(value),
            TypedConstantKind.Primitive => value.Value switch
            {
                string text => CSharpText.Literal(text),
                bool flag => flag ? "true" : "false",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>Whether <c>RemoteAppOptions.<paramref name="property"/></c> may be set to null (its declared nullability).</summary>
    private bool AcceptsNull(string property)
    {
        var member = _known.RemoteAppOptions?.GetMembers(property).OfType<IPropertySymbol>().FirstOrDefault();
        if (member is null) return true;
        return member.Type.IsReferenceType
            ? member.NullableAnnotation != NullableAnnotation.NotAnnotated
            : member.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
    }

    /// <summary>RFC 9110 §9: a method is a token (letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>), which HttpMethod requires.</summary>
    private static bool IsHttpMethodToken(string method) =>
        method.Length > 0 && method.All(c => c < 127 && (char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0));

    private static string EnumExpression(TypedConstant value)
    {
        var type = (INamedTypeSymbol)value.Type!;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
        return member is not null
            ? typeName + "." + CSharpText.Identifier(member.Name)
            : $"({typeName})({Convert.ToString(value.Value, CultureInfo.InvariantCulture)})";
    }

    private void CheckUrl(AttributeData attribute, string property, string url, bool mustBeAbsolute, string? baseUrl, bool hasAppKey, bool allowInsecure)
    {
        // The location is looked up only to report: most URLs are fine. The rule is the runtime's (UrlResolver): an
        // absolute http(s) URL, or a relative path without a scheme; anything else would fail when the options are validated.
        var scheme = SchemeOf(url);
        if (scheme is null)
        {
            if (mustBeAbsolute)
            {
                Report(DiagnosticDescriptors.InvalidUrl, AtNamedArgument(attribute, property), property, url, "it must be an absolute http or https URL");
            }
            else if (RelativeUrlProblem(url) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidUrl, AtNamedArgument(attribute, property), property, url, problem);
            }
            else if (baseUrl is null && !hasAppKey)
            {
                // With an AppKey the BaseUrl may come from configuration (flask's lazy configuration), as in the demo apps.
                Report(DiagnosticDescriptors.InvalidUrl, AtNamedArgument(attribute, property), property, url, "it is relative and there is no BaseUrl to resolve it against");
            }
            return;
        }
        var isHttp = scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        if (!isHttp || string.CompareOrdinal(url, scheme.Length, "://", 0, 3) != 0
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidUrl, AtNamedArgument(attribute, property), property, url, mustBeAbsolute || isHttp
                ? "it must be an absolute http or https URL"
                : $"'{scheme}:' makes it an absolute URL of another scheme; use an absolute http or https URL, or a relative path without a ':' before its first '/'");
            return;
        }
        if (uri.Scheme == "http" && !uri.IsLoopback && !allowInsecure)
        {
            Report(DiagnosticDescriptors.InsecureUrl, AtNamedArgument(attribute, property), property, url);
        }
    }

    /// <summary>
    /// The scheme <paramref name="url"/> is read with, or <see langword="null"/> for a relative reference: a ':' before the
    /// first '/', '?' or '#' makes a reference absolute (RFC 3986 §4.2), even when what precedes it is no valid scheme
    /// name (<c>ht!tp:/x</c>).
    /// </summary>
    private static string? SchemeOf(string url)
    {
        var end = url.IndexOfAny(PathDelimiters);
        var colon = url.IndexOf(':');
        return colon >= 0 && (end < 0 || colon < end) ? url.Substring(0, colon) : null;
    }

    /// <summary>What makes a relative URL malformed, or <see langword="null"/>.</summary>
    private static string? RelativeUrlProblem(string url)
    {
        if (url.Trim().Length == 0) return "it is empty";
        foreach (var c in url)
        {
            // A space is a typo in a constant, or needs percent-encoding; a control character would end up on the request line.
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return "it contains white space or a control character; percent-encode it (%20)";
        }
        return null;
    }

    private void CheckEndpoints(AttributeData attribute, string name, ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments)
    {
        // An API-only app (a personal access token, an API key) runs no flow, so it needs no endpoint.
        if (Text(namedArguments, "AppKey") is not null || Value(namedArguments, "ApiOnly") is true) return;
        if (Text(namedArguments, "RequestTokenUrl") is not null)
        {
            var missing = new[] { "AccessTokenUrl", "AuthorizeUrl" }.Where(p => Text(namedArguments, p) is null).ToList();
            if (missing.Count > 0) Report(DiagnosticDescriptors.OAuth1MissingEndpoints, AtAttribute(attribute), name, string.Join(" or ", missing));
        }
        else if (Text(namedArguments, "AccessTokenUrl") is null && Text(namedArguments, "ServerMetadataUrl") is null)
        {
            Report(DiagnosticDescriptors.OAuth2MissingEndpoints, AtAttribute(attribute), name);
        }
    }

    /// <summary>
    /// OAuth 2.0-only settings on an OAuth 1.0a app (OAG032, OAG033), and a client assertion algorithm the method cannot
    /// sign with (OAG034). The runtime refuses the same options; here they fail where they are written.
    /// </summary>
    private void CheckClientAuthentication(AttributeData attribute, string name, ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments)
    {
        var isOAuth1 = Text(namedArguments, "RequestTokenUrl") is not null;
        var method = EnumMemberName(namedArguments, "ClientAuthMethod") ?? "ClientSecretPost";
        var usesJwt = method is "PrivateKeyJwt" or "ClientSecretJwt";
        if (isOAuth1 && Text(namedArguments, "DeviceAuthorizationUrl") is not null)
        {
            Report(DiagnosticDescriptors.DeviceFlowOnOAuth1, AtNamedArgument(attribute, "DeviceAuthorizationUrl"), name);
        }
        if (isOAuth1 && usesJwt)
        {
            Report(DiagnosticDescriptors.JwtClientAuthOnOAuth1, AtNamedArgument(attribute, "ClientAuthMethod"), name, method);
        }
        if (Text(namedArguments, "ClientAssertionAlgorithm") is not { } algorithm) return;
        var problem = method switch
        {
            "PrivateKeyJwt" when !IsOneOf(algorithm, "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512") =>
                "private_key_jwt signs with RS256, RS384, RS512, PS256, PS384, PS512 (RSA keys) or ES256, ES384, ES512 (EC keys)",
            "ClientSecretJwt" when !IsOneOf(algorithm, "HS256", "HS384", "HS512") => "client_secret_jwt signs with HS256, HS384 or HS512",
            "PrivateKeyJwt" or "ClientSecretJwt" => null,
            _ => "only PrivateKeyJwt and ClientSecretJwt send a client assertion",
        };
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.ClientAssertionAlgorithmMismatch, AtNamedArgument(attribute, "ClientAssertionAlgorithm"), algorithm, method, problem);
        }

        static bool IsOneOf(string value, params string[] candidates) => Array.IndexOf(candidates, value) >= 0;
    }

    /// <summary>The member name of the enum named argument <paramref name="property"/>, or null when it is not set.</summary>
    private static string? EnumMemberName(ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments, string property)
    {
        string? name = null;
        foreach (var argument in namedArguments)
        {
            if (argument.Key != property || argument.Value.Kind != TypedConstantKind.Enum || argument.Value.Type is not INamedTypeSymbol type) continue;
            name = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value.Value))?.Name;
        }
        return name;
    }

    /// <summary>OAG035–OAG037: pushed authorization (RFC 9126) and DPoP (RFC 9449) settings that cannot work together.</summary>
    private void CheckPushedAuthorizationAndDPoP(AttributeData attribute, string name, ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments)
    {
        // The enum values of the runtime's PushedAuthorization and TokenPlacement (the generator cannot reference the runtime).
        const int disable = 1, require = 2, tokenInHeader = 0;
        var pushed = Value(namedArguments, "PushedAuthorization") is int mode ? mode : 0;
        var pushUrl = Text(namedArguments, "PushedAuthorizationRequestUrl");
        var useDPoP = Value(namedArguments, "UseDPoP") is true;
        if (Text(namedArguments, "RequestTokenUrl") is not null)
        {
            foreach (var property in new[] { "PushedAuthorizationRequestUrl", "UseDPoP", "PushedAuthorization" })
            {
                var set = property switch
                {
                    "UseDPoP" => useDPoP,
                    "PushedAuthorization" => pushed == require,
                    _ => pushUrl is not null,
                };
                if (set) Report(DiagnosticDescriptors.OAuth2OnlyOnOAuth1, AtNamedArgument(attribute, property), name, property);
            }
            return;
        }
        if (pushed == disable && pushUrl is not null)
        {
            Report(DiagnosticDescriptors.PushedAuthorizationUnusable, AtNamedArgument(attribute, "PushedAuthorizationRequestUrl"), name,
                "PushedAuthorizationRequestUrl is set but PushedAuthorization is Disable; remove one of them");
        }
        else if (pushed == require && pushUrl is null && Text(namedArguments, "ServerMetadataUrl") is null && Text(namedArguments, "AppKey") is null)
        {
            Report(DiagnosticDescriptors.PushedAuthorizationUnusable, AtNamedArgument(attribute, "PushedAuthorization"), name,
                "PushedAuthorization is Require but no endpoint can be known; set PushedAuthorizationRequestUrl, ServerMetadataUrl (for a discovered pushed_authorization_request_endpoint) or AppKey (to read it from configuration)");
        }
        else if (pushUrl is not null && Text(namedArguments, "AuthorizeUrl") is null && Text(namedArguments, "ServerMetadataUrl") is null
            && Text(namedArguments, "AppKey") is null)
        {
            Report(DiagnosticDescriptors.PushedAuthorizationUnusable, AtNamedArgument(attribute, "PushedAuthorizationRequestUrl"), name,
                "the user is still sent to the authorization endpoint with the request_uri, and there is none; set AuthorizeUrl or ServerMetadataUrl");
        }
        if (useDPoP && Value(namedArguments, "TokenPlacement") is int placement && placement != tokenInHeader)
        {
            Report(DiagnosticDescriptors.DPoPTokenNotInHeader, AtNamedArgument(attribute, "TokenPlacement"), name);
        }
    }

    private EquatableArray<HeaderModel> ParseHeaders(ImmutableArray<AttributeData> attributes)
    {
        List<HeaderModel>? headers = null;
        foreach (var attribute in attributes)
        {
            if (OAuthGenAttributeName(attribute) != "HeadersAttribute") continue;
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array) continue;
            var array = attribute.ConstructorArguments[0];
            for (var i = 0; i < array.Values.Length; i++)
            {
                var entry = array.Values[i].Value as string;
                var colon = entry?.IndexOf(':') ?? -1;
                var headerName = colon > 0 ? entry!.Substring(0, colon).Trim() : "";
                if (headerName.Length == 0 || headerName.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0))
                {
                    Report(DiagnosticDescriptors.BadHeader, AtArgument(attribute, i), entry ?? "null");
                    continue;
                }
                (headers ??= []).Add(new HeaderModel(headerName, entry!.Substring(colon + 1).Trim()));
            }
        }
        return headers is null ? EquatableArray<HeaderModel>.Empty : new([.. headers]);
    }
}
