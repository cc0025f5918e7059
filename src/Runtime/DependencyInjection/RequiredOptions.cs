using System.Collections.Generic;

namespace OAuthGen;

/// <summary>
/// The values an app cannot work without, checked once all sources (attribute, configuration, code) have been applied,
/// so a missing one fails at startup instead of in the middle of a user's login.
/// </summary>
internal static class RequiredOptions
{
    /// <exception cref="OAuthException">Something is missing or invalid; each missing value's message names its configuration keys.</exception>
    public static void Validate(RemoteAppOptions options)
    {
        var missing = new List<string>();
        var usesRsa = options.IsOAuth1 && options.SignatureMethod is SignatureMethod.RsaSha1 or SignatureMethod.RsaSha256;
        var publicClient = !options.IsOAuth1 && options.ClientAuthMethod == ClientAuthMethod.None;

        Require(options.ConsumerKey, nameof(options.ConsumerKey));
        if (!usesRsa && !publicClient) Require(options.ConsumerSecret, nameof(options.ConsumerSecret));
        if (usesRsa) Require(options.RsaKey, nameof(options.RsaKey));
        if (options.IsOAuth1)
        {
            Require(options.AccessTokenUrl, nameof(options.AccessTokenUrl));
            Require(options.AuthorizeUrl, nameof(options.AuthorizeUrl));
        }
        else if (options.ServerMetadataUrl is null)
        {
            // Every OAuth 2.0 grant ends at the token endpoint; discovery can supply it instead.
            Require(options.AccessTokenUrl, nameof(options.AccessTokenUrl));
        }

        if (missing.Count > 0)
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration, string.Join(" ", missing));
        }
        RemoteAppOptionsValidator.Validate(options);

        void Require(string? value, string propertyName)
        {
            if (string.IsNullOrEmpty(value)) missing.Add(RemoteAppOptionsValidator.MissingValueMessage(options, propertyName));
        }
    }
}
