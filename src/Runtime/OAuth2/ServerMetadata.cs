using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// The discovery exchange: an authorization server's metadata document (RFC 8414, and OpenID Connect Discovery 1.0,
/// which uses the same member names), fetched and cached per URL in the process, and checked per app against its
/// <see cref="DiscoveryPolicy"/>. Explicitly configured URLs always win over what the document says.
/// </summary>
/// <remarks>
/// The document is shared by every app that names its URL, and those apps may have different policies (one allows
/// http, one another endpoint host). So the fetch keeps what the document says, checked only for being a JSON object;
/// <see cref="VerifiedIssuer"/> and <see cref="Endpoint"/> apply the asking app's policy on every use. An endpoint that
/// is malformed fails only the calls that need it (a broken optional revocation_endpoint must not stop sign-in).
/// </remarks>
internal sealed record ServerMetadata(Uri Url, string? Issuer, string? AuthorizationEndpoint, string? TokenEndpoint,
    string? RevocationEndpoint, DateTimeOffset FetchedAt, JsonElement Document)
{
    private const string OpenIdSuffix = "/.well-known/openid-configuration";
    private const string OAuthPrefix = "/.well-known/oauth-authorization-server";

    /// <summary>Documents by URL, shared by every app in the process; re-read after the asking app's cache lifetime.</summary>
    private static readonly SharedFlights<string, ServerMetadata> Documents = new(retainCompletedFor: null);

    /// <summary>
    /// Returns the metadata at <see cref="RemoteAppOptions.ServerMetadataUrl"/>, fetching it on first use and again once it
    /// is older than <see cref="DiscoveryPolicy.CacheLifetime"/>, with its issuer checked against the app's policy.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DiscoveryFailed"/> when it cannot be fetched or read, or
    /// its issuer is missing or not the expected one.</exception>
    public static async Task<ServerMetadata> GetAsync(RemoteApp app, CancellationToken cancellationToken)
    {
        var url = app.ResolveUrl(app.Settings.ServerMetadataUrl!);
        var options = app.Settings;
        var lifetime = options.DiscoveryPolicy.CacheLifetime;
        // A failed read is not remembered (SharedFlights drops failures): the next call tries again, and an expired
        // document is not used past its lifetime, so a server that moved its endpoints is followed within the lifetime.
        var metadata = await Documents.RunAsync(url.AbsoluteUri, m => options.TimeProvider.GetUtcNow() - m.FetchedAt < lifetime,
            flightToken => FetchAsync(app, url, flightToken),
            new FlightTimeout(options.TokenRequestTimeout, options.TimeProvider, e => new OAuthException(OAuthErrorType.DiscoveryFailed,
                $"The server metadata of '{options.Name}' at {url.GetLeftPart(UriPartial.Path)} did not arrive within TokenRequestTimeout " +
                $"({options.TokenRequestTimeout.TotalSeconds:0.###} s); it was cancelled.", innerException: e)),
            cancellationToken).ConfigureAwait(false);
        metadata.VerifiedIssuer(app);
        return metadata;
    }

    /// <summary>
    /// The document's issuer, checked (RFC 8414 §3.3, OIDC Discovery §4.3): it must be present and identical to the
    /// issuer the URL was built from, or to <see cref="DiscoveryPolicy.Issuer"/>; else a server could pass off another
    /// server's endpoints as its own (mix-up attacks).
    /// </summary>
    public string VerifiedIssuer(RemoteApp app)
    {
        var secrets = KnownSecrets.Of(app.Settings);
        if (Issuer is null) throw Failed(Url, "it has no issuer (RFC 8414 §3.3 requires one)", null, secrets);
        var configured = app.Settings.DiscoveryPolicy.Issuer;
        var expected = configured ?? ExpectedIssuer(Url);
        // Both specifications remove one terminating "/" from the issuer before building the well-known URL, so a URL
        // names the issuer up to that one slash; anything else must be the same string, case and all.
        var identical = Issuer == expected || (configured is null && Issuer == expected + "/");
        if (!identical)
        {
            throw Failed(Url, $"its issuer '{Issuer}' is not '{expected}', the issuer " +
                (configured is null ? "its URL names" : "DiscoveryPolicy.Issuer names"), null, secrets);
        }
        return Issuer;
    }

    /// <summary>
    /// An endpoint the document names, checked against the app's policy: an absolute http(s) URL, https unless allowed,
    /// on the issuer's host unless <see cref="DiscoveryPolicy.AdditionalEndpointHosts"/> names its host.
    /// </summary>
    /// <returns>The endpoint, or <see langword="null"/> when the document names none.</returns>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DiscoveryFailed"/> for an endpoint that breaks a rule.</exception>
    public Uri? Endpoint(RemoteApp app, string member, string? value)
    {
        if (value is null) return null;
        var secrets = KnownSecrets.Of(app.Settings);
        if (!UrlResolver.IsAbsoluteHttpUrl(value) || !Uri.TryCreate(value, UriKind.Absolute, out var endpoint))
        {
            throw Failed(Url, $"its {member} '{value}' is not an absolute http(s) URL", null, secrets);
        }
        if (!UrlResolver.IsSecureOrAllowed(endpoint, app.Settings.AllowInsecureHttp))
        {
            throw Failed(Url, $"its {member} uses plain http to {endpoint.Host}", null, secrets);
        }
        var policy = app.Settings.DiscoveryPolicy;
        if (policy.RequireEndpointsOnIssuerHost && Uri.TryCreate(VerifiedIssuer(app), UriKind.Absolute, out var issuer) &&
            !string.Equals(endpoint.Host, issuer.Host, StringComparison.OrdinalIgnoreCase) &&
            !policy.AdditionalEndpointHosts.Contains(endpoint.Host, StringComparer.OrdinalIgnoreCase))
        {
            throw Failed(Url, $"its {member} is on {endpoint.Host}, not on the issuer's host {issuer.Host}; " +
                "add the host to DiscoveryPolicy.AdditionalEndpointHosts if the server really uses it", null, secrets);
        }
        return endpoint;
    }

    /// <summary>
    /// A string member of the document (an endpoint, an issuer...), or <see langword="null"/> when absent, empty or not a
    /// string. Endpoints read this way still go through <see cref="Endpoint"/> for the app's policy.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DiscoveryFailed"/> when the member is not valid text.</exception>
    public string? Text(string member) => ReadString(Document, member, Url, null, KnownSecrets.None);

    /// <summary>Whether the document sets the boolean member <paramref name="member"/> to <see langword="true"/>.</summary>
    public bool Flag(string member) => Document.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The server sends <c>iss</c> on every authorization response (RFC 9207 §3).</summary>
    public bool IssParameterSupported => Flag("authorization_response_iss_parameter_supported");

    private static async Task<ServerMetadata> FetchAsync(RemoteApp app, Uri url, CancellationToken flightToken)
    {
        // flightToken is the shared fetch's own (its timeout), never one caller's: other callers wait for this document.
        // The authorization server knows the client's secret and may echo it (in an issuer, an endpoint, an error page).
        var secrets = KnownSecrets.Of(app.Settings);
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

        return new ServerMetadata(url,
            ReadString(document, "issuer", url, response, secrets),
            ReadString(document, "authorization_endpoint", url, response, secrets),
            ReadString(document, "token_endpoint", url, response, secrets),
            ReadString(document, "revocation_endpoint", url, response, secrets),
            app.Settings.TimeProvider.GetUtcNow(),
            // Cloned: the response's buffer is not ours to keep. Members read later (jwks_uri, device_authorization_endpoint,
            // ...) come from here, so a feature needs no new constructor parameter.
            document.Clone());
    }

    /// <summary>
    /// The issuer a metadata URL implies: OIDC appends its suffix to the issuer, RFC 8414 inserts its prefix before the
    /// path; any other URL implies its origin (a document elsewhere needs <see cref="DiscoveryPolicy.Issuer"/>).
    /// </summary>
    private static string ExpectedIssuer(Uri url)
    {
        var authority = url.GetLeftPart(UriPartial.Authority);
        var path = url.AbsolutePath;
        if (path.EndsWith(OpenIdSuffix, StringComparison.Ordinal)) return authority + path[..^OpenIdSuffix.Length];
        if (path.StartsWith(OAuthPrefix, StringComparison.Ordinal)) return authority + path[OAuthPrefix.Length..];
        return authority;
    }

    private static string? ReadString(JsonElement document, string member, Uri url, OAuthResponse? response, KnownSecrets secrets)
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
