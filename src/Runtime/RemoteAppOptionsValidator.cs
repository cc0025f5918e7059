using System;
using System.Collections.Generic;
using System.Net.Http;

namespace OAuthGen;

/// <summary>Checks options when an app is created, so misconfiguration fails at startup with a clear message.</summary>
internal static class RemoteAppOptionsValidator
{
    /// <exception cref="OAuthException">The options are invalid (<see cref="OAuthErrorType.InvalidConfiguration"/>); the message lists every problem.</exception>
    public static void Validate(RemoteAppOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration, MisconfiguredMessage(options, problems));
        }
    }

    /// <summary>The one message for <paramref name="problems"/>, as <see cref="Validate"/> and options validation word it.</summary>
    public static string MisconfiguredMessage(RemoteAppOptions options, IEnumerable<string> problems) =>
        $"Remote app '{options.Name}' is misconfigured: {string.Join(" ", problems)}";

    /// <summary>Every problem of <paramref name="options"/>, each a sentence; empty when they are valid.</summary>
    public static List<string> Problems(RemoteAppOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name)) problems.Add("Name is required.");

        CheckUrl(options, nameof(options.BaseUrl), options.BaseUrl, problems);
        CheckUrl(options, nameof(options.RequestTokenUrl), options.RequestTokenUrl, problems);
        CheckUrl(options, nameof(options.AccessTokenUrl), options.AccessTokenUrl, problems);
        CheckUrl(options, nameof(options.AuthorizeUrl), options.AuthorizeUrl, problems);
        CheckUrl(options, nameof(options.ServerMetadataUrl), options.ServerMetadataUrl, problems);
        CheckUrl(options, nameof(options.RevocationUrl), options.RevocationUrl, problems);
        CheckUrl(options, nameof(options.DeviceAuthorizationUrl), options.DeviceAuthorizationUrl, problems);
        CheckUrl(options, nameof(options.JwksUrl), options.JwksUrl, problems);
        CheckUrl(options, nameof(options.UserInfoUrl), options.UserInfoUrl, problems);
        CheckUrl(options, nameof(options.EndSessionUrl), options.EndSessionUrl, problems);

        foreach (var header in options.AccessTokenHeaders)
        {
            if (RequestHeaders.Problem(header.Key, header.Value ?? "") is { } problem) problems.Add($"AccessTokenHeaders: {problem}");
        }

        // With an AppKey the credentials come from configuration; a missing one is reported when a flow needs it,
        // naming the configuration keys (see RequireCredential). An API-only OAuth 2.0 app sends tokens it is given and
        // needs no client credentials; OAuth 1.0a signs every request with them.
        var credentialsExpected = options.AppKey is null && !(options.ApiOnly && !options.IsOAuth1);
        var usesRsa = options.IsOAuth1 && options.SignatureMethod is SignatureMethod.RsaSha1 or SignatureMethod.RsaSha256;
        if (credentialsExpected && string.IsNullOrEmpty(options.ConsumerKey))
        {
            problems.Add($"ConsumerKey is required (or set AppKey to read it from configuration{ApiOnlyHint(options)}).");
        }
        if (credentialsExpected && string.IsNullOrEmpty(options.ConsumerSecret) && !usesRsa &&
            !(!options.IsOAuth1 && options.ClientAuthMethod is ClientAuthMethod.None or ClientAuthMethod.PrivateKeyJwt))
        {
            problems.Add($"ConsumerSecret is required (or set AppKey to read it from configuration{ApiOnlyHint(options)}).");
        }
        if (usesRsa)
        {
            if (string.IsNullOrEmpty(options.RsaKey))
            {
                problems.Add($"SignatureMethod {options.SignatureMethod} needs RsaKey (a PEM private key).");
            }
            else
            {
                try
                {
                    // Imported once per process and kept: the client signs with the same key, so this is not wasted.
                    // Past the cache's limit the key is this check's alone, and disposed right away.
                    RsaSigningKey.ForPem(options.RsaKey).Release();
                }
                catch (ArgumentException)
                {
                    problems.Add("RsaKey is not a PEM RSA private key.");
                }
            }
        }
        if (options.IsOAuth1)
        {
            var endpointsExpected = options.AppKey is null && !options.ApiOnly;
            if (options.AccessTokenUrl is null && endpointsExpected) problems.Add("An OAuth 1.0a app needs AccessTokenUrl (or set ApiOnly for one that only signs API calls with a token it is given).");
            if (options.AuthorizeUrl is null && endpointsExpected) problems.Add("An OAuth 1.0a app needs AuthorizeUrl (or set ApiOnly for one that only signs API calls with a token it is given).");
            if (options.UseDPoP || options.PushedAuthorizationRequestUrl is not null || options.PushedAuthorization == PushedAuthorization.Require)
            {
                problems.Add("UseDPoP and pushed authorization requests are OAuth 2.0 features (RFC 9449, RFC 9126); an OAuth 1.0a app cannot use them.");
            }
            if (options.SignatureType == SignatureType.Body && (options.RequestTokenMethod == HttpMethod.Get || options.AccessTokenMethod == HttpMethod.Get))
            {
                problems.Add("SignatureType.Body needs POST token calls (a GET has no body): set RequestTokenMethod and AccessTokenMethod to POST.");
            }
        }
        ValidateClientAssertions(options, credentialsExpected, problems);
        if (options.IsOAuth1 && options.DeviceAuthorizationUrl is not null)
        {
            problems.Add("DeviceAuthorizationUrl is for the OAuth 2.0 device flow (RFC 8628); an OAuth 1.0a app (with a RequestTokenUrl) cannot use it.");
        }
        if (!options.IsOAuth1 && options.RequestTokenParams.ContainsKey("state"))
        {
            problems.Add("RequestTokenParams must not contain 'state': a fixed state lets an attacker forge callbacks (login CSRF). " +
                "Leave it out for a random state per flow, or set StateGenerator.");
        }
        // OAuth 2.0 endpoints are not required here: an app that only calls APIs with tokens obtained elsewhere needs
        // none, and the generator warns (OAG016) at compile time. A flow that needs a missing one fails with
        // invalid_configuration naming the property and its configuration keys (OAuth2Endpoints).
        if (options.PendingAuthorizationLifetime <= TimeSpan.Zero) problems.Add("PendingAuthorizationLifetime must be positive.");
        if (options.TokenRequestTimeout != System.Threading.Timeout.InfiniteTimeSpan &&
            (options.TokenRequestTimeout <= TimeSpan.Zero || options.TokenRequestTimeout.TotalMilliseconds > int.MaxValue))
        {
            problems.Add("TokenRequestTimeout must be positive (at most int.MaxValue milliseconds) or Timeout.InfiniteTimeSpan.");
        }
        if (options.RefreshLeeway < TimeSpan.Zero) problems.Add("RefreshLeeway must not be negative.");
        ValidatePolicies(options, problems);
        if (options.MaxResponseContentLength <= 0) problems.Add("MaxResponseContentLength must be positive.");
        if (options.MaxXmlDepth <= 0) problems.Add("MaxXmlDepth must be positive.");
        if (string.IsNullOrWhiteSpace(options.TokenType))
        {
            problems.Add("TokenType must not be empty.");
        }
        else if (!RequestHeaders.IsToken(options.TokenType))
        {
            // It is the scheme of the Authorization header (RFC 9110 §11.1, a token): a CR, LF or space in it would make
            // every request fail to build, or split the header on the wire.
            problems.Add("TokenType must be one word of letters, digits and !#$%&'*+-.^_`|~ (the Authorization scheme, such as Bearer or OAuth2).");
        }

        return problems;
    }

    /// <summary>An OAuth 2.0 app may need no client credentials at all: say how to tell it so.</summary>
    private static string ApiOnlyHint(RemoteAppOptions options) =>
        options.IsOAuth1 ? "" : ", or ApiOnly for an app that only calls APIs with tokens it is given";

    /// <summary>JWT client authentication: an OAuth 2.0 app, a key that signs, a positive lifetime.</summary>
    private static void ValidateClientAssertions(RemoteAppOptions options, bool credentialsExpected, List<string> problems)
    {
        var usesJwt = options.ClientAuthMethod is ClientAuthMethod.PrivateKeyJwt or ClientAuthMethod.ClientSecretJwt;
        if (options.ClientAssertionLifetime <= TimeSpan.Zero) problems.Add("ClientAssertionLifetime must be positive.");
        if (!usesJwt)
        {
            if (options.ClientAssertionAlgorithm is not null)
            {
                problems.Add($"ClientAssertionAlgorithm is set, but ClientAuthMethod {options.ClientAuthMethod} sends no client assertion " +
                    "(use PrivateKeyJwt or ClientSecretJwt).");
            }
            return;
        }
        if (options.IsOAuth1)
        {
            problems.Add($"ClientAuthMethod {options.ClientAuthMethod} is OAuth 2.0 client authentication; an OAuth 1.0a app (with a RequestTokenUrl) signs its requests instead.");
            return;
        }
        var credential = options.ClientAuthMethod == ClientAuthMethod.PrivateKeyJwt ? options.ClientAssertionKey : options.ConsumerSecret;
        if (string.IsNullOrEmpty(credential))
        {
            if (credentialsExpected && options.ClientAuthMethod == ClientAuthMethod.PrivateKeyJwt)
            {
                problems.Add("ClientAuthMethod PrivateKeyJwt needs ClientAssertionKey (a PEM RSA or EC private key), or set AppKey to read it from configuration.");
            }
            return;
        }
        // Imported now so a wrong key fails at startup, not at the first sign-in.
        if (ClientAssertionKey.TryCreate(options, out var key, out var problem)) key!.Dispose();
        else problems.Add(problem!);
    }

    /// <summary>Returns a credential needed now, or fails naming where it should have come from.</summary>
    public static string RequireCredential(RemoteAppOptions options, string? value, string propertyName)
    {
        if (!string.IsNullOrEmpty(value)) return value;
        throw new OAuthException(OAuthErrorType.InvalidConfiguration, MissingValueMessage(options, propertyName));
    }

    /// <summary>Says that <paramref name="propertyName"/> is missing and names every place it can come from.</summary>
    public static string MissingValueMessage(RemoteAppOptions options, string propertyName)
    {
        var where = options.AppKey is { } key
            ? $" Set '{key}:{propertyName}' or '{ConfigurationKeys.FlatKey(key, propertyName)}' in configuration, or RemoteAppOptions.{propertyName} in code."
            : $" Set RemoteAppOptions.{propertyName}.";
        return $"Remote app '{options.Name}' has no {propertyName}.{where}";
    }

    private static void CheckUrl(RemoteAppOptions options, string name, string? url, List<string> problems)
    {
        if (url is null) return;
        if (UrlResolver.IsAbsoluteHttpUrl(url))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                problems.Add($"{name} '{url}' is not a valid URL.");
            }
            else if (!UrlResolver.IsSecureOrAllowed(uri, options.AllowInsecureHttp))
            {
                problems.Add($"{name} '{url}' uses http:// to a non-loopback host; use https:// or set AllowInsecureHttp.");
            }
            return;
        }
        if (UrlResolver.RequestUrlProblem(url) is { } problem)
        {
            problems.Add($"{name} '{url}' {problem}; it must be an absolute http(s) URL or a relative path.");
            return;
        }
        if (name == nameof(options.BaseUrl) || options.BaseUrl is null)
        {
            problems.Add($"{name} '{url}' must be an absolute http(s) URL{(name == nameof(options.BaseUrl) ? "" : " (or relative to a BaseUrl)")}.");
        }
    }

    private static void ValidatePolicies(RemoteAppOptions options, List<string> problems)
    {
        if (options.DiscoveryPolicy is not { } discovery) problems.Add("DiscoveryPolicy is required (new DiscoveryPolicy() for the defaults).");
        else
        {
            if (discovery.CacheLifetime <= TimeSpan.Zero) problems.Add("DiscoveryPolicy.CacheLifetime must be positive.");
            if (discovery.AdditionalEndpointHosts is null) problems.Add("DiscoveryPolicy.AdditionalEndpointHosts must not be null.");
            if (discovery.Issuer is { } issuer && !UrlResolver.IsAbsoluteHttpUrl(issuer))
            {
                problems.Add("DiscoveryPolicy.Issuer must be an absolute http(s) URL (the issuer identifier, RFC 8414 §2).");
            }
        }
        if (options.TokenCachePolicy is not { } cache) problems.Add("TokenCachePolicy is required (new TokenCachePolicy() for the defaults).");
        else
        {
            if (cache.DefaultLifetime < TimeSpan.Zero) problems.Add("TokenCachePolicy.DefaultLifetime must not be negative.");
            if (cache.MaximumLifetime < TimeSpan.Zero) problems.Add("TokenCachePolicy.MaximumLifetime must not be negative.");
            if (cache.MaxEntries < 1) problems.Add("TokenCachePolicy.MaxEntries must be at least 1.");
        }
        if (options.TokenTypePolicy is not { } types) problems.Add("TokenTypePolicy is required (new TokenTypePolicy() for the defaults).");
        else if (types.AcceptedTypes is null) problems.Add("TokenTypePolicy.AcceptedTypes must not be null.");
        OpenIdConnectPolicyRules.Validate(options.OpenIdConnectPolicy, problems);
    }
}
