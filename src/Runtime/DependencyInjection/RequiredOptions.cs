using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// The values an app cannot work without, checked once all sources (attribute, configuration, code) have been applied,
/// so a missing one fails at startup instead of in the middle of a user's login.
/// </summary>
internal static class RequiredOptions
{
    /// <summary>
    /// One sentence per missing value, naming its configuration keys; then the general rules of
    /// <see cref="RemoteAppOptionsValidator"/>, as one sentence. Empty when the options are complete and valid.
    /// </summary>
    /// <remarks>
    /// An <see cref="RemoteAppOptions.ApiOnly"/> app needs no endpoint; an API-only OAuth 2.0 app needs no client
    /// credentials either (OAuth 1.0a signs every request with its consumer credentials, so they stay required).
    /// </remarks>
    public static List<string> Problems(RemoteAppOptions options)
    {
        var problems = new List<string>();
        var usesRsa = options.IsOAuth1 && options.SignatureMethod is SignatureMethod.RsaSha1 or SignatureMethod.RsaSha256;
        var publicClient = !options.IsOAuth1 && options.ClientAuthMethod == ClientAuthMethod.None;
        var clientCredentialsNeeded = options.IsOAuth1 || !options.ApiOnly;

        if (clientCredentialsNeeded)
        {
            Require(options.ConsumerKey, nameof(options.ConsumerKey));
            if (!options.IsOAuth1 && problems.Count > 0)
            {
                problems[^1] += " An app that only calls APIs with tokens it is given (a personal access token, an API key) sets ApiOnly instead.";
            }
            if (!usesRsa && !publicClient) Require(options.ConsumerSecret, nameof(options.ConsumerSecret));
            if (usesRsa) Require(options.RsaKey, nameof(options.RsaKey));
        }
        // An API-only app is given its tokens (token getter, store, the call); it needs no endpoint to obtain one.
        if (!options.ApiOnly && options.IsOAuth1)
        {
            Require(options.AccessTokenUrl, nameof(options.AccessTokenUrl));
            Require(options.AuthorizeUrl, nameof(options.AuthorizeUrl));
        }
        else if (!options.ApiOnly && options.ServerMetadataUrl is null)
        {
            // Every OAuth 2.0 grant ends at the token endpoint; discovery can supply it instead.
            Require(options.AccessTokenUrl, nameof(options.AccessTokenUrl));
        }

        if (problems.Count == 0 && RemoteAppOptionsValidator.Problems(options) is { Count: > 0 } invalid)
        {
            problems.Add(RemoteAppOptionsValidator.MisconfiguredMessage(options, invalid));
        }
        return problems;

        void Require(string? value, string propertyName)
        {
            if (string.IsNullOrEmpty(value)) problems.Add(RemoteAppOptionsValidator.MissingValueMessage(options, propertyName));
        }
    }
}
