using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace OAuthGen;

/// <summary>
/// flask-oauthlib's lazy configuration: fills an app's options from <see cref="IConfiguration"/> under its
/// <see cref="RemoteAppOptions.AppKey"/>, either nested (<c>GitHub:ConsumerKey</c>) or flat (<c>GITHUB_CONSUMER_KEY</c>).
/// </summary>
/// <remarks>
/// <para>Precedence: <b>a value set in code wins</b>. Configuration only fills an option that still has the value a new
/// <see cref="RemoteAppOptions"/> has: <see langword="null"/> for strings and URLs, the built-in default for
/// <see cref="RemoteAppOptions.TokenType"/>, enums, booleans, methods and lifetimes (so code that sets an option to its
/// default value lets configuration change it). Dictionary options are merged per entry, code entries winning.
/// A nested key wins over its flat twin; empty values count as absent.</para>
/// <para>Every key is read explicitly (no <c>ConfigurationBinder</c> reflection), so this is trimming- and AOT-safe.</para>
/// </remarks>
public static class RemoteAppConfiguration
{
    /// <summary>
    /// Fills the options that <paramref name="options"/> leaves unset from <paramref name="configuration"/>; does nothing
    /// when <see cref="RemoteAppOptions.AppKey"/> is not set.
    /// </summary>
    /// <exception cref="OAuthException">A configured value cannot be read (<see cref="OAuthErrorType.InvalidConfiguration"/>); the message names the key.</exception>
    public static void Bind(RemoteAppOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrEmpty(options.AppKey)) return;
        if (Bind(options, configuration, options.AppKey) is { } problem)
        {
            throw new OAuthException(OAuthErrorType.InvalidConfiguration, problem);
        }
    }

    /// <summary>
    /// Fills what <paramref name="options"/> leaves unset from the keys under <paramref name="appKey"/>, and returns
    /// what could not be read (one message naming every key and its accepted values), or <see langword="null"/>.
    /// </summary>
    internal static string? Bind(RemoteAppOptions options, IConfiguration configuration, string appKey)
    {
        var source = new Source(configuration, appKey);
        var defaults = new RemoteAppOptions();

        options.BaseUrl ??= source.Text(nameof(options.BaseUrl));
        options.RequestTokenUrl ??= source.Text(nameof(options.RequestTokenUrl));
        options.AccessTokenUrl ??= source.Text(nameof(options.AccessTokenUrl));
        options.AuthorizeUrl ??= source.Text(nameof(options.AuthorizeUrl));
        options.ServerMetadataUrl ??= source.Text(nameof(options.ServerMetadataUrl));
        options.RevocationUrl ??= source.Text(nameof(options.RevocationUrl));
        options.JwksUrl ??= source.Text(nameof(options.JwksUrl));
        options.UserInfoUrl ??= source.Text(nameof(options.UserInfoUrl));
        options.EndSessionUrl ??= source.Text(nameof(options.EndSessionUrl));
        options.PushedAuthorizationRequestUrl ??= source.Text(nameof(options.PushedAuthorizationRequestUrl));
        options.ConsumerKey ??= source.Text(nameof(options.ConsumerKey));
        options.ConsumerSecret ??= source.Text(nameof(options.ConsumerSecret));
        options.RsaKey ??= source.Text(nameof(options.RsaKey));
        options.Scope ??= source.Text(nameof(options.Scope));
        options.ContentType ??= source.Text(nameof(options.ContentType));
        options.Realm ??= source.Text(nameof(options.Realm));
        options.DeviceAuthorizationUrl ??= source.Text(nameof(options.DeviceAuthorizationUrl));
        options.ClientAssertionKey ??= source.Text(nameof(options.ClientAssertionKey));
        options.ClientAssertionAlgorithm ??= source.Text(nameof(options.ClientAssertionAlgorithm));
        options.ClientAssertionKeyId ??= source.Text(nameof(options.ClientAssertionKeyId));
        options.ClientAssertionAudience ??= source.Text(nameof(options.ClientAssertionAudience));
        if (options.TokenType == defaults.TokenType) options.TokenType = source.Text(nameof(options.TokenType)) ?? options.TokenType;

        options.SignatureMethod = source.Fill(nameof(options.SignatureMethod), options.SignatureMethod, defaults.SignatureMethod, ParseEnum<SignatureMethod>);
        options.SignatureType = source.Fill(nameof(options.SignatureType), options.SignatureType, defaults.SignatureType, ParseEnum<SignatureType>);
        options.ClientAuthMethod = source.Fill(nameof(options.ClientAuthMethod), options.ClientAuthMethod, defaults.ClientAuthMethod, ParseEnum<ClientAuthMethod>);
        options.CodeChallengeMethod = source.Fill(nameof(options.CodeChallengeMethod), options.CodeChallengeMethod, defaults.CodeChallengeMethod, ParseEnum<CodeChallengeMethod>);
        options.TokenPlacement = source.Fill(nameof(options.TokenPlacement), options.TokenPlacement, defaults.TokenPlacement, ParseEnum<TokenPlacement>);
        options.PushedAuthorization = source.Fill(nameof(options.PushedAuthorization), options.PushedAuthorization, defaults.PushedAuthorization, ParseEnum<PushedAuthorization>);
        options.UseDPoP = source.Fill(nameof(options.UseDPoP), options.UseDPoP, defaults.UseDPoP, ParseBoolean);
        options.RequestTokenMethod = source.Fill(nameof(options.RequestTokenMethod), options.RequestTokenMethod, defaults.RequestTokenMethod, ParseMethod);
        options.AccessTokenMethod = source.Fill(nameof(options.AccessTokenMethod), options.AccessTokenMethod, defaults.AccessTokenMethod, ParseMethod);
        options.AllowInsecureHttp = source.Fill(nameof(options.AllowInsecureHttp), options.AllowInsecureHttp, defaults.AllowInsecureHttp, ParseBoolean);
        options.RequireCallbackConfirmed = source.Fill(nameof(options.RequireCallbackConfirmed), options.RequireCallbackConfirmed, defaults.RequireCallbackConfirmed, ParseBoolean);
        options.IncludeBodyHash = source.Fill(nameof(options.IncludeBodyHash), options.IncludeBodyHash, defaults.IncludeBodyHash, ParseBoolean);
        options.FormEncodeBasicCredentials = source.Fill(nameof(options.FormEncodeBasicCredentials), options.FormEncodeBasicCredentials, defaults.FormEncodeBasicCredentials, ParseBoolean);
        options.PendingAuthorizationLifetime = source.Fill(nameof(options.PendingAuthorizationLifetime), options.PendingAuthorizationLifetime, defaults.PendingAuthorizationLifetime, ParseTimeSpan);
        options.RefreshLeeway = source.Fill(nameof(options.RefreshLeeway), options.RefreshLeeway, defaults.RefreshLeeway, ParseTimeSpan);
        options.ClientAssertionLifetime = source.Fill(nameof(options.ClientAssertionLifetime), options.ClientAssertionLifetime, defaults.ClientAssertionLifetime, ParseTimeSpan);
        options.TokenRequestTimeout = source.Fill(nameof(options.TokenRequestTimeout), options.TokenRequestTimeout, defaults.TokenRequestTimeout, ParseTimeout);
        options.Encoding = source.Fill(nameof(options.Encoding), options.Encoding, defaults.Encoding, ParseEncoding);

        source.Merge(nameof(options.RequestTokenParams), options.RequestTokenParams);
        source.Merge(nameof(options.AccessTokenParams), options.AccessTokenParams);
        source.Merge(nameof(options.AccessTokenHeaders), options.AccessTokenHeaders);

        return source.Problems(options.Name);
    }

    /// <summary>Enum values by name, ignoring case, dashes and underscores, so wire names work: <c>HMAC-SHA1</c>, <c>client_secret_basic</c>.</summary>
    private static bool ParseEnum<TEnum>(string text, out TEnum value, out string expected) where TEnum : struct, Enum
    {
        expected = $"one of {string.Join(", ", Enum.GetNames<TEnum>())}";
        value = default;
        var name = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        // Enum.TryParse also accepts numbers and comma lists; configuration must name a member.
        return name.Length > 0 && char.IsLetter(name[0]) && !name.Contains(',') &&
               Enum.TryParse(name, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    private static bool ParseMethod(string text, out HttpMethod value, out string expected)
    {
        expected = "GET or POST";
        value = text.Trim().ToUpperInvariant() switch { "GET" => HttpMethod.Get, "POST" => HttpMethod.Post, _ => null! };
        return value is not null;
    }

    private static bool ParseBoolean(string text, out bool value, out string expected)
    {
        expected = "true or false";
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1": value = true; return true;
            case "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    private static bool ParseTimeSpan(string text, out TimeSpan value, out string expected)
    {
        expected = "a non-negative time span such as 00:10:00";
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    private static bool ParseTimeout(string text, out TimeSpan value, out string expected)
    {
        expected = "a positive time span such as 00:01:40, or Infinite";
        if (text.Trim().Equals("Infinite", StringComparison.OrdinalIgnoreCase))
        {
            value = System.Threading.Timeout.InfiniteTimeSpan;
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }

    private static bool ParseEncoding(string text, out Encoding value, out string expected)
    {
        expected = "an encoding name such as utf-8";
        try
        {
            value = Encoding.GetEncoding(text.Trim());
            return true;
        }
        catch (ArgumentException)
        {
            value = null!;
            return false;
        }
    }

    private delegate bool Parser<T>(string text, out T value, out string expected);

    /// <summary>One app's keys in one configuration, and the problems found reading them.</summary>
    private sealed class Source(IConfiguration configuration, string appKey)
    {
        private readonly List<string> _problems = [];

        public string? Text(string property) => Read(property, out _);

        public T Fill<T>(string property, T current, T builtInDefault, Parser<T> parse)
        {
            if (!EqualityComparer<T>.Default.Equals(current, builtInDefault)) return current;
            if (Read(property, out var key) is not { } text) return current;
            if (parse(text, out var value, out var expected)) return value;
            // Only non-secret options are parsed, so echoing the value is safe and helps.
            _problems.Add($"'{key}' is '{text}', which is not {expected}.");
            return current;
        }

        /// <summary>
        /// Nested: one key per entry (<c>Facebook:RequestTokenParams:scope</c>); a single value (nested or flat, e.g.
        /// <c>FACEBOOK_REQUEST_TOKEN_PARAMS</c>) is form-urlencoded: <c>scope=email&amp;display=popup</c>.
        /// </summary>
        public void Merge(string property, IDictionary<string, string> target)
        {
            var section = configuration.GetSection($"{appKey}:{property}");
            foreach (var child in section.GetChildren())
            {
                if (child.Value is { } value) target.TryAdd(child.Key, value);
            }
            foreach (var text in (ReadOnlySpan<string?>)[section.Value, configuration[ConfigurationKeys.FlatKey(appKey, property)]])
            {
                if (string.IsNullOrEmpty(text)) continue;
                foreach (var pair in FormData.Parse(text)) target.TryAdd(pair.Key, pair.Value);
            }
        }

        public string? Problems(string appName) => _problems.Count == 0 ? null
            : $"Remote app '{appName}' has invalid configuration: {string.Join(" ", _problems)}";

        private string? Read(string property, out string key)
        {
            key = $"{appKey}:{property}";
            if (configuration[key] is { Length: > 0 } nested) return nested;
            key = ConfigurationKeys.FlatKey(appKey, property);
            return configuration[key] is { Length: > 0 } flat ? flat : null;
        }
    }
}
