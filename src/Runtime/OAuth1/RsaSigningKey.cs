using System;
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

    private static LastUsed? s_lastUsed;

    /// <summary>
    /// The key for <paramref name="pem"/>, reusing the last one imported by the public <see cref="OAuth1Signer"/> API so a
    /// caller signing many requests with one key does not re-import it each time.
    /// </summary>
    public static RsaSigningKey ForPem(string pem)
    {
        var last = Volatile.Read(ref s_lastUsed);
        if (last is not null && string.Equals(last.Pem, pem, StringComparison.Ordinal)) return last.Key;
        var key = FromPem(pem);
        Volatile.Write(ref s_lastUsed, new LastUsed(pem, key));
        return key;
    }

    private sealed class LastUsed(string pem, RsaSigningKey key)
    {
        public string Pem { get; } = pem;
        public RsaSigningKey Key { get; } = key;
    }
}
