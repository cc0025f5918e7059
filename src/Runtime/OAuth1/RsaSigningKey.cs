using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;

namespace OAuthGen;

/// <summary>
/// An RSA private key read once from PEM (RSA-SHA1 / RSA-SHA256, RFC 5849 §3.4.3). Importing a key costs far more
/// than signing, so an app keeps one; signing is serialized because <see cref="RSA"/> instances are not documented
/// as thread-safe.
/// </summary>
internal sealed class RsaSigningKey : IDisposable
{
    private readonly RSA _rsa;
    private readonly Lock _lock = new();

    private RsaSigningKey(RSA rsa) => _rsa = rsa;

    /// <summary>The signature size in bytes.</summary>
    public int SignatureLength => (_rsa.KeySize + 7) / 8;

    /// <exception cref="ArgumentException">The text is not a PEM RSA private key. The message never quotes the key.</exception>
    public static RsaSigningKey FromPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public key imports too, but cannot sign: fail now rather than on the first request.
            rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new ArgumentException("The RSA key is not a PEM RSA private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----).", nameof(pem));
        }
        return new RsaSigningKey(rsa);
    }

    /// <summary>Signs with RSASSA-PKCS1-v1_5 and returns the signature length.</summary>
    public int Sign(ReadOnlySpan<byte> data, Span<byte> destination, HashAlgorithmName hash)
    {
        lock (_lock)
        {
            if (!_rsa.TrySignData(data, destination, hash, RSASignaturePadding.Pkcs1, out var written))
            {
                throw new CryptographicException("The RSA signature did not fit its buffer.");
            }
            return written;
        }
    }

    public void Dispose() => _rsa.Dispose();

    /// <summary>Imported keys by PEM text. Clients are often transient (DI makes one per resolve); the keys are few.</summary>
    private static readonly ConcurrentDictionary<string, RsaSigningKey> Imported = new(StringComparer.Ordinal);

    /// <summary>Enough for every app of a process; past it keys are imported per use instead of growing the cache.</summary>
    private const int MaxImported = 64;

    /// <summary>
    /// The key for <paramref name="pem"/>, imported once per process and shared by every client and the public
    /// <see cref="OAuth1Signer"/> API (signing is serialized per key, so sharing is safe).
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a PEM RSA private key.</exception>
    public static RsaSigningKey ForPem(string pem)
    {
        if (Imported.TryGetValue(pem, out var cached)) return cached;
        var key = FromPem(pem);
        if (Imported.Count >= MaxImported) return key;
        var winner = Imported.GetOrAdd(pem, key);
        if (!ReferenceEquals(winner, key)) key.Dispose(); // another thread imported it first
        return winner;
    }
}
