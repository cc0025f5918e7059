using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// Every secret an app knows at one moment — its configured consumer secret and Basic credential plus the secrets of the
/// current call (authorization code, PKCE verifier, refresh token, OAuth 1.0a verifier and token secret, tokens) — so
/// that server text can be quoted in a message with those values replaced by <see cref="Mask"/>. Field-name filters
/// are not enough: a server that echoes the request puts values into its answer without their names.
/// </summary>
/// <remarks>
/// Each secret is also looked for in the forms a server echoes it in: percent-encoded (upper and lower case hex),
/// form-encoded (space as <c>+</c>) and JSON-escaped (plainly, with <c>\/</c>, and with .NET's default <c>\u002B</c> escapes). Longer values are replaced first, so a
/// secret inside another secret's encoding cannot leave part of it behind. Values shorter than
/// <see cref="MinimumLength"/> are not scrubbed: real credentials are far longer (RFC 6749 §10.10 asks for 128 bits of
/// entropy), and replacing a short value such as <c>1234</c> or <c>true</c> would mangle ordinary words and numbers
/// of the message while hiding nothing worth guessing.
/// </remarks>
internal sealed class KnownSecrets
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value that is scrubbed (see the remarks).</summary>
    public const int MinimumLength = 8;

    /// <summary>Form fields whose values are secrets, in token, revocation and assertion requests.</summary>
    private static readonly string[] SecretFieldNames =
    [
        "code", "code_verifier", "refresh_token", "client_secret", "client_assertion", "assertion", "password", "token",
        "device_code", "subject_token", "actor_token", "access_token", "oauth_verifier", "oauth_token_secret",
    ];

    /// <summary>Nothing to scrub: for text that comes with no secret in reach.</summary>
    public static readonly KnownSecrets None = new([]);

    private readonly List<string> _values;
    private string[]? _variants;

    private KnownSecrets(List<string> values) => _values = values;

    /// <summary>The secrets <paramref name="options"/> hold: the consumer secret, the client_secret_basic credential and the client assertion key.</summary>
    public static KnownSecrets Of(RemoteAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = new KnownSecrets([]);
        if (options.ConsumerSecret is { } secret)
        {
            secrets.Add(secret);
            if (options.ConsumerKey is { } clientId)
            {
                // Both spellings ClientAuthentication may send (raw, or form-encoded as RFC 6749 §2.3.1 says), since a
                // server echoes whichever Authorization header it received.
                secrets.Add(ClientAuthentication.BasicCredential(clientId, secret, formEncoded: false));
                secrets.Add(ClientAuthentication.BasicCredential(clientId, secret, formEncoded: true));
            }
        }
        // The assertion key is never sent, but a message quoting configuration must not show it either.
        secrets.Add(options.ClientAssertionKey);
        return secrets;
    }

    /// <summary>These secrets plus <paramref name="values"/> (null and empty values are skipped).</summary>
    public KnownSecrets With(params ReadOnlySpan<string?> values)
    {
        var secrets = new KnownSecrets([.. _values]);
        foreach (var value in values) secrets.Add(value);
        return secrets;
    }

    /// <summary>These secrets plus the values of the secret fields (code, code_verifier, refresh_token, ...) of request forms.</summary>
    public KnownSecrets WithFields(IEnumerable<KeyValuePair<string, string>>? fields, IEnumerable<KeyValuePair<string, string>>? moreFields = null)
    {
        var secrets = new KnownSecrets([.. _values]);
        foreach (var source in new[] { fields, moreFields })
        {
            if (source is null) continue;
            foreach (var field in source)
            {
                if (Array.IndexOf(SecretFieldNames, field.Key) >= 0) secrets.Add(field.Value);
            }
        }
        return secrets;
    }

    /// <summary><paramref name="text"/> with every known secret, in every echoed form, replaced by <see cref="Mask"/>.</summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_values.Count == 0 || text.Length == 0) return text;
        foreach (var variant in _variants ??= Variants())
        {
            if (text.Contains(variant, StringComparison.Ordinal)) text = text.Replace(variant, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary><see cref="Scrub(string)"/> that passes <see langword="null"/> through.</summary>
    public string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);

    private void Add(string? value)
    {
        if (value is { Length: >= MinimumLength } && !_values.Contains(value)) _values.Add(value);
    }

    /// <summary>Every spelling of every secret, longest first.</summary>
    private string[] Variants()
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in _values)
        {
            variants.Add(value);
            variants.Add(Uri.EscapeDataString(value));
            variants.Add(PercentEncodeLowerHex(Uri.EscapeDataString(value)));
            var formEncoded = ClientAuthentication.FormEncode(value);
            variants.Add(formEncoded);
            variants.Add(PercentEncodeLowerHex(formEncoded));
            // JSON as most servers write it, with PHP's "\/", and as .NET's default encoder writes it ("+" as "\u002B").
            var json = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            variants.Add(json);
            variants.Add(json.Replace("/", "\\/", StringComparison.Ordinal));
            variants.Add(JsonEncodedText.Encode(value).ToString());
        }
        var ordered = new List<string>(variants.Count);
        foreach (var variant in variants)
        {
            if (variant.Length >= MinimumLength) ordered.Add(variant);
        }
        ordered.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        return [.. ordered];
    }

    /// <summary>The same escapes with lower-case hex digits (<c>%2b</c>), as some stacks write them.</summary>
    private static string PercentEncodeLowerHex(string escaped)
    {
        if (!escaped.Contains('%')) return escaped;
        var chars = escaped.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] != '%') continue;
            chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
            chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
            i += 2;
        }
        return new string(chars);
    }
}
