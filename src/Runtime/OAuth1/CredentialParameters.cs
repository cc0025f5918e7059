using System;

namespace OAuthGen;

/// <summary>
/// The protocol parameters that stay the same from one request to the next for a consumer and token:
/// <c>oauth_consumer_key</c>, <c>oauth_token</c> and <c>oauth_signature_method</c>, percent-encoded once in the three
/// forms a signature needs (signature parameter text, header fields, form pairs) and then copied into each request.
/// The last set is kept per thread, as <see cref="KeyedHmacCache"/> keeps the last key: an app signs request after
/// request with the same credentials. None of these values is a secret; all three travel in every request.
/// </summary>
internal sealed class CredentialParameters
{
    [ThreadStatic] private static CredentialParameters? s_last;

    private readonly string _consumerKey;
    private readonly string? _token;
    private readonly SignatureMethod _method;

    private CredentialParameters(string consumerKey, string? token, SignatureMethod method)
    {
        _consumerKey = consumerKey;
        _token = token;
        _method = method;
        var text = new AsciiBuilder(256);
        var header = new AsciiBuilder(256);
        var form = new AsciiBuilder(256);
        try
        {
            // The signature parameters in name order (consumer_key < signature_method < token), each as name then value.
            ConsumerKey = Append(ref text, "oauth_consumer_key"u8, consumerKey);
            SignatureMethod = Append(ref text, "oauth_signature_method"u8, SignatureAlgorithms.Name(method));
            Token = token is null ? default : Append(ref text, "oauth_token"u8, token);
            ParameterText = text.Written.ToArray();
            // In the order they are sent (§3.5.1's example): consumer_key, token, signature_method.
            WriteField(ref header, ref form, "oauth_consumer_key"u8, ConsumerKey.Value(ParameterText));
            if (token is not null) WriteField(ref header, ref form, "oauth_token"u8, Token.Value(ParameterText));
            WriteField(ref header, ref form, "oauth_signature_method"u8, SignatureMethod.Value(ParameterText));
            HeaderFields = header.Written.ToArray();
            FormPairs = form.Written.ToArray();
        }
        finally
        {
            form.Dispose();
            header.Dispose();
            text.Dispose();
        }
    }

    /// <summary>
    /// The encoded names and values, as <see cref="SignatureParameters"/> keeps them: <c>oauth_consumer_key</c> and its
    /// value, <c>oauth_signature_method</c> and its value, then <c>oauth_token</c> and its value when there is a token.
    /// </summary>
    public byte[] ParameterText { get; }

    /// <summary>Where <c>oauth_consumer_key</c>'s name and value are in <see cref="ParameterText"/>.</summary>
    public Pair ConsumerKey { get; }

    /// <summary>Where <c>oauth_signature_method</c>'s name and value are in <see cref="ParameterText"/>.</summary>
    public Pair SignatureMethod { get; }

    /// <summary>Where <c>oauth_token</c>'s name and value are in <see cref="ParameterText"/>; empty without a token.</summary>
    public Pair Token { get; }

    /// <summary>Whether there is an <c>oauth_token</c>.</summary>
    public bool HasToken => _token is not null;

    /// <summary><c>oauth_consumer_key="...", oauth_token="...", oauth_signature_method="..."</c> (§3.5.1), without a trailing separator.</summary>
    public byte[] HeaderFields { get; }

    /// <summary><c>oauth_consumer_key=...&amp;oauth_token=...&amp;oauth_signature_method=...</c> (§3.5.2, §3.5.3).</summary>
    public byte[] FormPairs { get; }

    /// <summary>The encoded parameters of <paramref name="consumerKey"/>, <paramref name="token"/> and <paramref name="method"/>.</summary>
    public static CredentialParameters For(string consumerKey, string? token, SignatureMethod method)
    {
        var last = s_last;
        // Usually the very same string instances; equal values in new strings (a token read back from a store) match
        // too, compared by value: none of them is a secret, so no fixed-time comparison is needed.
        if (last is not null && last._method == method && string.Equals(last._consumerKey, consumerKey) && string.Equals(last._token, token))
        {
            return last;
        }
        return s_last = new CredentialParameters(consumerKey, token, method);
    }

    private static Pair Append(ref AsciiBuilder text, ReadOnlySpan<byte> name, string value)
    {
        var nameStart = text.Length;
        text.Append(name);
        var valueStart = text.Length;
        PercentEncoding.Encode(value, ref text);
        return new Pair(nameStart, valueStart - nameStart, text.Length - valueStart);
    }

    private static void WriteField(ref AsciiBuilder header, ref AsciiBuilder form, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (header.Length > 0)
        {
            header.Append(", "u8);
            form.Append((byte)'&');
        }
        header.Append(name);
        header.Append("=\""u8);
        header.Append(value);
        header.Append((byte)'"');
        form.Append(name);
        form.Append((byte)'=');
        form.Append(value);
    }

    /// <summary>One encoded name and value, back to back in <see cref="ParameterText"/>.</summary>
    internal readonly record struct Pair(int NameStart, int NameLength, int ValueLength)
    {
        public int ValueStart => NameStart + NameLength;

        public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> text) => text.Slice(ValueStart, ValueLength);
    }
}
