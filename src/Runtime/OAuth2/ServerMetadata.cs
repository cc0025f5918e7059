using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The endpoints an authorization server publishes about itself (RFC 8414, and OpenID Connect Discovery 1.0, which uses
/// the same member names). Explicitly configured URLs always win over what the document says.
/// </summary>
internal sealed record ServerMetadata(string? Issuer, Uri? AuthorizationEndpoint, Uri? TokenEndpoint, Uri? RevocationEndpoint)
{
    private const string OpenIdSuffix = "/.well-known/openid-configuration";
    private const string OAuthPrefix = "/.well-known/oauth-authorization-server";

    /// <summary>Documents by URL, shared by every app in the process: fetched once; a failure is retried on the next call.</summary>
    private static readonly SharedFlights<string, ServerMetadata> Documents = new(retainCompletedFor: null);

    /// <summary>Returns the metadata at <see cref="RemoteAppOptions.ServerMetadataUrl"/>, fetching it on first use.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DiscoveryFailed"/> when it cannot be fetched or read.</exception>
    public static Task<ServerMetadata> GetAsync(RemoteApp app, CancellationToken cancellationToken)
    {
        var url = app.ResolveUrl(app.Options.ServerMetadataUrl!);
        var options = app.Options;
        return Documents.RunAsync(url.AbsoluteUri, static _ => true, flightToken => FetchAsync(app, url, flightToken),
            new FlightTimeout(options.TokenRequestTimeout, options.TimeProvider, e => new OAuthException(OAuthErrorType.DiscoveryFailed,
                $"The server metadata of '{options.Name}' at {url.GetLeftPart(UriPartial.Path)} did not arrive within TokenRequestTimeout " +
                $"({options.TokenRequestTimeout.TotalSeconds:0.###} s); it was cancelled.", innerException: e)),
            cancellationToken);
    }

    private static async Task<ServerMetadata> FetchAsync(RemoteApp app, Uri url, CancellationToken flightToken)
    {
        // flightToken is the shared fetch's own (its timeout), never one caller's: other callers wait for this document.
        // The authorization server knows the client's secret and may echo it (in an issuer, an endpoint, an error page).
        var secrets = KnownSecrets.Of(app.Options);
        OAuthResponse response;
        try
        {
            app.EnsureSecure(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(RequestData.JsonMediaType);
            // Not the app's forced ContentType: that is about the provider's token and API bodies, not this JSON document.
            var call = new RemoteAppCall(app, RequestLeg.Discovery);
            response = await app.Pipeline.SendAsync(request, call, RequestData.JsonMediaType, flightToken).ConfigureAwait(false);
        }
        catch (OAuthException e)
        {
            throw Failed(url, $"it could not be fetched ({e.Message})", null, secrets, e);
        }
        if (!response.IsSuccessStatusCode) throw Failed(url, $"the server answered HTTP {(int)response.Status}", response, secrets);

        JsonElement document;
        try
        {
            document = response.Data is JsonElement { ValueKind: JsonValueKind.Object } element
                ? element
                : throw Failed(url, "it is not a JSON object", response, secrets);
        }
        catch (OAuthException e) when (e.Type == OAuthErrorType.InvalidResponse)
        {
            throw Failed(url, "it is not valid JSON", response, secrets, e);
        }

        var issuer = ReadString(document, "issuer", url, response, secrets);
        // RFC 8414 §3.3 / OIDC Discovery §4.3: the issuer must be the one the URL was built from, or a server could pass
        // off another server's endpoints as its own (mix-up attacks).
        if (ExpectedIssuer(url) is { } expected && issuer is not null && issuer.TrimEnd('/') != expected.TrimEnd('/'))
        {
            throw Failed(url, $"its issuer '{issuer}' is not '{expected}', the issuer its URL names", response, secrets);
        }
        return new ServerMetadata(issuer,
            ReadEndpoint(app, document, "authorization_endpoint", url, response, secrets),
            ReadEndpoint(app, document, "token_endpoint", url, response, secrets),
            ReadEndpoint(app, document, "revocation_endpoint", url, response, secrets));
    }

    /// <summary>The issuer a well-known URL implies: OIDC appends its suffix to the issuer, RFC 8414 inserts its prefix before the path.</summary>
    private static string? ExpectedIssuer(Uri url)
    {
        var authority = url.GetLeftPart(UriPartial.Authority);
        var path = url.AbsolutePath;
        if (path.EndsWith(OpenIdSuffix, StringComparison.Ordinal)) return authority + path[..^OpenIdSuffix.Length];
        if (path.StartsWith(OAuthPrefix, StringComparison.Ordinal)) return authority + path[OAuthPrefix.Length..];
        return null;
    }

    private static Uri? ReadEndpoint(RemoteApp app, JsonElement document, string member, Uri url, OAuthResponse response, KnownSecrets secrets)
    {
        if (ReadString(document, member, url, response, secrets) is not { } value) return null;
        if (!UrlResolver.IsAbsoluteHttpUrl(value) || !Uri.TryCreate(value, UriKind.Absolute, out var endpoint))
        {
            throw Failed(url, $"its {member} '{value}' is not an absolute http(s) URL", response, secrets);
        }
        if (!UrlResolver.IsSecureOrAllowed(endpoint, app.Options.AllowInsecureHttp))
        {
            throw Failed(url, $"its {member} uses plain http to {endpoint.Host}", response, secrets);
        }
        return endpoint;
    }

    private static string? ReadString(JsonElement document, string member, Uri url, OAuthResponse response, KnownSecrets secrets)
    {
        if (!document.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.GetString() is { Length: > 0 } text ? text : null;
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8 or a lone surrogate escape: well-formed JSON, but not text.
            throw Failed(url, $"its {member} is not valid text", response, secrets, e);
        }
    }

    /// <summary>A discovery failure whose reason, which may quote the document, has every known secret scrubbed.</summary>
    private static OAuthException Failed(Uri url, string reason, OAuthResponse? response, KnownSecrets secrets, Exception? inner = null) =>
        new(OAuthErrorType.DiscoveryFailed, $"Server metadata discovery at {url.GetLeftPart(UriPartial.Path)} failed: {secrets.Scrub(reason)}.", response, inner);
}
