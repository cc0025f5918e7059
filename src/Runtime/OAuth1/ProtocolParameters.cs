using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace OAuthGen;

/// <summary>
/// The <c>oauth_*</c> protocol parameters of one signed request (RFC 5849 §3.1), sent in the order the RFC's examples
/// send them. The secrets are not here: they key the signature and never travel.
/// </summary>
internal readonly struct ProtocolParameters(string consumerKey, string? token, SignatureMethod signatureMethod, long timestamp,
    string nonce, string? callback = null, string? verifier = null, string? bodyHash = null)
{
    private const int FieldCount = 8;

    public SignatureMethod SignatureMethod => signatureMethod;

    /// <summary>
    /// Adds the parameters that take part in the signature (all of them, §3.4.1.3.1) and notes in
    /// <paramref name="encoded"/> where their encoded values are, so that <see cref="Write"/> copies them instead of
    /// encoding them again.
    /// </summary>
    public void AddTo(ref SignatureParameters parameters, out EncodedValues encoded)
    {
        encoded = default;
        Span<char> digits = stackalloc char[20];
        timestamp.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        // In name order (body_hash, callback, consumer_key, nonce, signature_method, timestamp, token, verifier), so the
        // sort that follows has little to move.
        if (bodyHash is not null) encoded.Set(Field.BodyHash, parameters.AddAsciiName(Name(Field.BodyHash), bodyHash));
        if (callback is not null) encoded.Set(Field.Callback, parameters.AddAsciiName(Name(Field.Callback), callback));
        encoded.Set(Field.ConsumerKey, parameters.AddAsciiName(Name(Field.ConsumerKey), consumerKey));
        encoded.Set(Field.Nonce, parameters.AddAsciiName(Name(Field.Nonce), nonce));
        encoded.Set(Field.SignatureMethod, parameters.AddAsciiName(Name(Field.SignatureMethod), SignatureAlgorithms.Name(signatureMethod)));
        encoded.Set(Field.Timestamp, parameters.AddAsciiName(Name(Field.Timestamp), digits[..length]));
        if (token is not null) encoded.Set(Field.Token, parameters.AddAsciiName(Name(Field.Token), token));
        if (verifier is not null) encoded.Set(Field.Verifier, parameters.AddAsciiName(Name(Field.Verifier), verifier));
    }

    /// <summary>
    /// Writes the parameters and the signature as <c>name="value", ...</c> (§3.5.1) or as form pairs
    /// <c>name=value&amp;...</c> (§3.5.2, §3.5.3), values percent-encoded: <paramref name="text"/> and
    /// <paramref name="encoded"/> are what <see cref="AddTo"/> left.
    /// </summary>
    public void Write(ref AsciiBuilder output, scoped ReadOnlySpan<byte> text, in EncodedValues encoded, scoped ReadOnlySpan<byte> signature, bool headerSyntax)
    {
        var first = output.Length == 0 || (headerSyntax && output.Written[^1] == (byte)' ');
        // A missing token (temporary-credentials request, two-legged calls) is left out rather than sent empty.
        for (var field = Field.ConsumerKey; field <= Field.BodyHash; field++)
        {
            if (!IsPresent(field)) continue;
            var value = encoded.Get(field);
            WriteName(ref output, Name(field), headerSyntax, first);
            output.Append(text.Slice(value.Start, value.Length));
            if (headerSyntax) output.Append((byte)'"');
            first = false;
        }
        WriteName(ref output, "oauth_signature"u8, headerSyntax, first);
        PercentEncoding.Encode(signature, ref output);
        if (headerSyntax) output.Append((byte)'"');
    }

    /// <summary>Writes the separator, the name and <c>=</c>, plus the opening quote in a header.</summary>
    private static void WriteName(ref AsciiBuilder output, scoped ReadOnlySpan<byte> name, bool headerSyntax, bool first)
    {
        if (!first) output.Append(headerSyntax ? ", "u8 : "&"u8);
        output.Append(name);
        output.Append(headerSyntax ? "=\""u8 : "="u8);
    }

    private bool IsPresent(Field field) => field switch
    {
        Field.Token => token is not null,
        Field.Callback => callback is not null,
        Field.Verifier => verifier is not null,
        Field.BodyHash => bodyHash is not null,
        _ => true,
    };

    private static ReadOnlySpan<byte> Name(Field field) => field switch
    {
        Field.ConsumerKey => "oauth_consumer_key"u8,
        Field.Token => "oauth_token"u8,
        Field.SignatureMethod => "oauth_signature_method"u8,
        Field.Timestamp => "oauth_timestamp"u8,
        Field.Nonce => "oauth_nonce"u8,
        Field.Callback => "oauth_callback"u8,
        Field.Verifier => "oauth_verifier"u8,
        _ => "oauth_body_hash"u8,
    };

    /// <summary>The fields, in the order they are sent.</summary>
    internal enum Field
    {
        ConsumerKey,
        Token,
        SignatureMethod,
        Timestamp,
        Nonce,
        Callback,
        Verifier,
        BodyHash,
    }

    /// <summary>Where each field's encoded value sits in the signature parameters' text.</summary>
    internal struct EncodedValues
    {
        private Ranges _ranges;

        public readonly SignatureParameters.TextRange Get(Field field) => _ranges[(int)field];

        public void Set(Field field, SignatureParameters.TextRange range) => _ranges[(int)field] = range;

        [InlineArray(FieldCount)]
        private struct Ranges
        {
            private SignatureParameters.TextRange _element;
        }
    }
}
