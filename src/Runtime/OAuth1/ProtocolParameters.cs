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
    private const int FieldCount = 5;

    public SignatureMethod SignatureMethod => signatureMethod;

    /// <summary>
    /// Adds the parameters that take part in the signature (all of them, §3.4.1.3.1) and notes in
    /// <paramref name="encoded"/> where their encoded values are, so that <see cref="Write"/> copies them instead of
    /// encoding them again. The consumer key, token and method come from <see cref="CredentialParameters"/>, encoded once.
    /// </summary>
    public void AddTo(ref SignatureParameters parameters, out EncodedValues encoded)
    {
        encoded = default;
        var credentials = CredentialParameters.For(consumerKey, token, signatureMethod);
        encoded.Credentials = credentials;
        var start = parameters.AppendEncodedText(credentials.ParameterText);
        Span<char> digits = stackalloc char[20];
        timestamp.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        // In name order (body_hash, callback, consumer_key, nonce, signature_method, timestamp, token, verifier), so the
        // sort that follows has little to move.
        if (bodyHash is not null) encoded.Set(Field.BodyHash, parameters.AddAsciiName(Name(Field.BodyHash), bodyHash));
        if (callback is not null) encoded.Set(Field.Callback, parameters.AddAsciiName(Name(Field.Callback), callback));
        AddCredential(ref parameters, start, credentials.ConsumerKey);
        encoded.Set(Field.Nonce, parameters.AddAsciiName(Name(Field.Nonce), nonce));
        AddCredential(ref parameters, start, credentials.SignatureMethod);
        encoded.Set(Field.Timestamp, parameters.AddAsciiName(Name(Field.Timestamp), digits[..length]));
        if (credentials.HasToken) AddCredential(ref parameters, start, credentials.Token);
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
        if (!first) output.Append(headerSyntax ? ", "u8 : "&"u8);
        // consumer_key, token (left out rather than sent empty when there is none) and signature_method, in one copy.
        output.Append(headerSyntax ? encoded.Credentials.HeaderFields : encoded.Credentials.FormPairs);
        for (var field = Field.Timestamp; field <= Field.BodyHash; field++)
        {
            if (!IsPresent(field)) continue;
            var value = encoded.Get(field);
            WriteName(ref output, Name(field), headerSyntax);
            output.Append(text.Slice(value.Start, value.Length));
            if (headerSyntax) output.Append((byte)'"');
        }
        WriteName(ref output, "oauth_signature"u8, headerSyntax);
        PercentEncoding.Encode(signature, ref output);
        if (headerSyntax) output.Append((byte)'"');
    }

    private static void AddCredential(ref SignatureParameters parameters, int start, CredentialParameters.Pair pair) =>
        parameters.AddEncodedPair(start + pair.NameStart, pair.NameLength, pair.ValueLength);

    /// <summary>Writes the separator, the name and <c>=</c>, plus the opening quote in a header.</summary>
    private static void WriteName(ref AsciiBuilder output, scoped ReadOnlySpan<byte> name, bool headerSyntax)
    {
        output.Append(headerSyntax ? ", "u8 : "&"u8);
        output.Append(name);
        output.Append(headerSyntax ? "=\""u8 : "="u8);
    }

    private bool IsPresent(Field field) => field switch
    {
        Field.Callback => callback is not null,
        Field.Verifier => verifier is not null,
        Field.BodyHash => bodyHash is not null,
        _ => true,
    };

    private static ReadOnlySpan<byte> Name(Field field) => field switch
    {
        Field.Timestamp => "oauth_timestamp"u8,
        Field.Nonce => "oauth_nonce"u8,
        Field.Callback => "oauth_callback"u8,
        Field.Verifier => "oauth_verifier"u8,
        _ => "oauth_body_hash"u8,
    };

    /// <summary>The fields that change from request to request, in the order they are sent (after the credentials').</summary>
    internal enum Field
    {
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

        /// <summary>The consumer key, token and method, encoded once for every request that uses them.</summary>
        public CredentialParameters Credentials { readonly get; set; }

        public readonly SignatureParameters.TextRange Get(Field field) => _ranges[(int)field];

        public void Set(Field field, SignatureParameters.TextRange range) => _ranges[(int)field] = range;

        [InlineArray(FieldCount)]
        private struct Ranges
        {
            private SignatureParameters.TextRange _element;
        }
    }
}
