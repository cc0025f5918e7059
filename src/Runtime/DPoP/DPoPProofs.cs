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
/// The compact JWS is written here rather than by Microsoft.IdentityModel's JsonWebTokenHandler, for the bytes a proof
/// costs on every request: the protected header (typ, alg and the public JWK) is the same for every proof of a key, so
/// its base64url segment is made once, and a proof is one payload written as UTF-8, one signature into the same buffer
/// and one string. Measured beside the handler (docs/benchmarks.md, "DPoP resource call"): about 2.7 KB per proof
/// against 4.8 KB, in the same time, which the ES256 signature itself dominates (about three quarters of it). The tests
/// validate every proof shape with JsonWebTokenHandler.
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
        // base64url of 16 random bytes (jti) and of a SHA-256 (ath) go straight into the JSON as UTF-8: no strings.
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<byte> jti = stackalloc byte[22];
        Base64Url.EncodeToUtf8(random, jti);
        var payloadBuffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payloadBuffer))
        {
            json.WriteStartObject();
            json.WriteString("jti"u8, jti);
            json.WriteString("htm"u8, method.Method);
            json.WriteString("htu"u8, uri.GetLeftPart(UriPartial.Path));
            json.WriteNumber("iat"u8, now.ToUnixTimeSeconds());
            if (accessToken is not null)
            {
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
                Span<byte> ath = stackalloc byte[43];
                Base64Url.EncodeToUtf8(hash, ath);
                json.WriteString("ath"u8, ath);
            }
            if (_nonces.TryGetValue(Origin(uri), out var nonce)) json.WriteString("nonce"u8, nonce);
            json.WriteEndObject();
        }
        var payload = payloadBuffer.WrittenSpan;

        // header.payload, then the signature over it appended in place: one buffer, one string at the end.
        var signatureLength = _key is ECDsa ? 64 : ((RSA)_key).KeySize / 8;
        var total = _headerSegment.Length + Base64Url.GetEncodedLength(payload.Length) + 1 + Base64Url.GetEncodedLength(signatureLength);
        var proof = new byte[total];
        _headerSegment.CopyTo(proof, 0);
        var signingLength = _headerSegment.Length + Base64Url.EncodeToUtf8(payload, proof.AsSpan(_headerSegment.Length));
        var signingInput = proof.AsSpan(0, signingLength);
        Span<byte> signature = stackalloc byte[512];
        var signed = _key switch
        {
            // ECDsa signs in the IEEE P1363 form (r || s) that JWS ES256 uses (RFC 7518 §3.4).
            ECDsa ec => ec.SignData(signingInput, signature, HashAlgorithmName.SHA256),
            RSA rsa => rsa.SignData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException("Unreachable: the key was checked when the proofs were made."),
        };
        proof[signingLength] = (byte)'.';
        var written = signingLength + 1 + Base64Url.EncodeToUtf8(signature[..signed], proof.AsSpan(signingLength + 1));
        return Encoding.ASCII.GetString(proof, 0, written);
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
