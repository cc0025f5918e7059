using System;
using System.Globalization;

namespace OAuthGen;

/// <summary>
/// The <c>oauth_*</c> protocol parameters of one signed request (RFC 5849 §3.1), in the order the RFC's examples send
/// them. The secrets are not here: they key the signature and never travel.
/// </summary>
internal readonly struct ProtocolParameters(string consumerKey, string? token, SignatureMethod signatureMethod, long timestamp,
    string nonce, string? callback = null, string? verifier = null, string? bodyHash = null)
{
    private const int FieldCount = 8;

    public SignatureMethod SignatureMethod => signatureMethod;

    /// <summary>Adds the parameters that take part in the signature (all of them, §3.4.1.3.1).</summary>
    public void AddTo(ref SignatureParameters parameters)
    {
        Span<char> scratch = stackalloc char[20];
        for (var i = 0; i < FieldCount; i++)
        {
            if (TryGetField(i, scratch, out var name, out var value)) parameters.Add(name, value);
        }
    }

    /// <summary>
    /// Writes the parameters and the signature as <c>name="value", ...</c> (§3.5.1) or as form pairs
    /// <c>name=value&amp;...</c> (§3.5.2, §3.5.3), values percent-encoded.
    /// </summary>
    public void Write(ref AsciiBuilder output, scoped ReadOnlySpan<byte> signature, bool headerSyntax)
    {
        Span<char> scratch = stackalloc char[20];
        for (var i = 0; i <= FieldCount; i++)
        {
            string name;
            scoped ReadOnlySpan<char> value = default;
            if (i == FieldCount) name = "oauth_signature";
            else if (!TryGetField(i, scratch, out name, out value)) continue;

            if (output.Length > 0 && !(headerSyntax && output.Written[^1] == (byte)' ')) output.Append(headerSyntax ? ", "u8 : "&"u8);
            output.AppendAscii(name);
            output.Append(headerSyntax ? "=\""u8 : "="u8);
            if (i == FieldCount) PercentEncoding.Encode(signature, ref output);
            else PercentEncoding.Encode(value, ref output);
            if (headerSyntax) output.Append((byte)'"');
        }
    }

    private bool TryGetField(int index, Span<char> scratch, out string name, out ReadOnlySpan<char> value)
    {
        // A missing token (temporary-credentials request, two-legged calls) is left out rather than sent empty.
        switch (index)
        {
            case 0: name = "oauth_consumer_key"; value = consumerKey; return true;
            case 1: name = "oauth_token"; value = token; return token is not null;
            case 2: name = "oauth_signature_method"; value = SignatureAlgorithms.Name(signatureMethod); return true;
            case 3: name = "oauth_timestamp"; value = Format(timestamp, scratch); return true;
            case 4: name = "oauth_nonce"; value = nonce; return true;
            case 5: name = "oauth_callback"; value = callback; return callback is not null;
            case 6: name = "oauth_verifier"; value = verifier; return verifier is not null;
            default: name = "oauth_body_hash"; value = bodyHash; return bodyHash is not null;
        }
    }

    private static ReadOnlySpan<char> Format(long timestamp, Span<char> scratch)
    {
        timestamp.TryFormat(scratch, out var written, provider: CultureInfo.InvariantCulture);
        return scratch[..written];
    }
}
