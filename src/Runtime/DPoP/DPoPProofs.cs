using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OAuthGen;

/// <summary>
/// Makes DPoP proofs (RFC 9449 §4) with one key, and remembers the latest <c>DPoP-Nonce</c> of each server (§8, §9).
/// </summary>
/// <remarks>
/// The compact JWS is written here rather than by Microsoft.IdentityModel's JsonWebTokenHandler: the protected header
/// (typ, alg and the public JWK) is the same for every proof of a key, so its base64url segment is made once, and a proof
/// costs one small payload, a hash and a signature. The handler would serialize the header and its JWK on every call,
/// through dictionaries, several times what the signature itself costs (docs/benchmarks.md). The tests check every
/// proof shape with JsonWebTokenHandler's validation.
/// </remarks>
internal sealed class DPoPProofs
{
    /// <summary>Keys generated for apps that gave none, one per app name, so every client of an app binds its tokens to one key.</summary>
    private static readonly ConcurrentDictionary<string, DPoPProofs> GeneratedKeys = new(StringComparer.Ordinal);

    /// <summary>The proofs of keys given in options, made once per key object.</summary>
    private static readonly ConditionalWeakTable<AsymmetricAlgorithm, DPoPProofs> GivenKeys = [];

    private readonly AsymmetricAlgorithm _key;
    private readonly byte[] _headerSegment;
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Proofs signed with <paramref name="key"/>.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.DPoPFailed"/>: the key is not usable for DPoP.</exception>
    public DPoPProofs(AsymmetricAlgorithm key)
    {
        _key = key;
        PublicKey = DPoPPublicKey.Of(key);
        var header = $"{{\"typ\":\"dpop+jwt\",\"alg\":\"{PublicKey.Algorithm}\",\"jwk\":{PublicKey.JwkJson}}}";
        _headerSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + ".");
    }

    /// <summary>The key's JWK and thumbprint.</summary>
    public DPoPPublicKey PublicKey { get; }

    /// <summary>The proofs of the app: its <see cref="RemoteAppOptions.DPoPKey"/>, or a P-256 key generated once for its name.</summary>
    public static DPoPProofs For(RemoteAppOptions options) => options.DPoPKey is { } key
        ? GivenKeys.GetValue(key, static k => new DPoPProofs(k))
        : GeneratedKeys.GetOrAdd(options.Name, static _ => new DPoPProofs(ECDsa.Create(ECCurve.NamedCurves.nistP256)));

    /// <summary>
    /// A proof for one request: <c>htm</c> its method, <c>htu</c> its URI without query and fragment (§4.2), <c>iat</c> now, a
    /// random <c>jti</c>, <c>ath</c> when <paramref name="accessToken"/> is given (§4.3), and the server's latest nonce.
    /// </summary>
    public string Create(HttpMethod method, Uri uri, string? accessToken, DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var buffer = new ArrayBufferWriter<byte>(512);
        buffer.Write(_headerSegment);
        var payloadBuffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payloadBuffer))
        {
            json.WriteStartObject();
            json.WriteString("jti"u8, Base64Url.EncodeToString(random));
            json.WriteString("htm"u8, method.Method);
            json.WriteString("htu"u8, uri.GetLeftPart(UriPartial.Path));
            json.WriteNumber("iat"u8, now.ToUnixTimeSeconds());
            if (accessToken is not null)
            {
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
                json.WriteString("ath"u8, Base64Url.EncodeToString(hash));
            }
            if (_nonces.TryGetValue(Origin(uri), out var nonce)) json.WriteString("nonce"u8, nonce);
            json.WriteEndObject();
            json.Flush();
            var payload = payloadBuffer.WrittenSpan;
            var encoded = buffer.GetSpan(Base64Url.GetEncodedLength(payload.Length));
            buffer.Advance(Base64Url.EncodeToUtf8(payload, encoded));
        }
        var signingInput = buffer.WrittenSpan;
        var signature = _key switch
        {
            // ECDsa signs in the IEEE P1363 form (r || s) that JWS ES256 uses (RFC 7518 §3.4).
            ECDsa ec => ec.SignData(signingInput, HashAlgorithmName.SHA256),
            RSA rsa => rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("Unreachable: the key was checked when the proofs were made."),
        };
        return Encoding.ASCII.GetString(signingInput) + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Remembers the <c>DPoP-Nonce</c> a server sent (§8.2: the latest one replaces the previous); true when there was one.</summary>
    public bool RememberNonce(Uri server, string? nonce)
    {
        if (string.IsNullOrEmpty(nonce)) return false;
        _nonces[Origin(server)] = nonce;
        return true;
    }

    /// <summary>Remembers the nonce of a response's <c>DPoP-Nonce</c> header; true when it had one.</summary>
    public bool RememberNonce(Uri server, HttpResponseMessage response) =>
        response.Headers.TryGetValues("DPoP-Nonce", out var values) && RememberNonce(server, string.Join(",", values));

    /// <summary>A server is its scheme, host and port: its token endpoint and its resources may hand out different nonces.</summary>
    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
