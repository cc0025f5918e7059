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

    /// <summary>Kept in the process-wide cache: nobody disposes it. Otherwise its user disposes it (<see cref="Release"/>).</summary>
    public bool IsShared { get; private set; }

    /// <summary>Keys imported outside the cache and not yet disposed (a leak shows here).</summary>
    internal static long LiveUnshared => Interlocked.Read(ref _liveUnshared);

    private static long _liveUnshared;
    private int _disposed;

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
        Interlocked.Increment(ref _liveUnshared);
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

    /// <summary>Disposes the key unless it is the cache's: what every user of <see cref="ForPem"/> calls when done.</summary>
    public void Release()
    {
        if (!IsShared) Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!IsShared) Interlocked.Decrement(ref _liveUnshared);
        _rsa.Dispose();
    }

    /// <summary>Imported keys by PEM text. Clients are often transient (DI makes one per resolve); the keys are few.</summary>
    private static readonly ConcurrentDictionary<string, RsaSigningKey> Imported = new(StringComparer.Ordinal);

    /// <summary>Enough for every app of a process; past it keys are imported per use instead of growing the cache.</summary>
    internal const int MaxImported = 64;

    /// <summary>
    /// The key for <paramref name="pem"/>, imported once per process and shared by every client and the public
    /// <see cref="OAuth1Signer"/> API (signing is serialized per key, so sharing is safe). Past <see cref="MaxImported"/>
    /// keys it is imported for this caller alone: call <see cref="Release"/> when done.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a PEM RSA private key.</exception>
    public static RsaSigningKey ForPem(string pem)
    {
        if (Imported.TryGetValue(pem, out var cached)) return cached;
        var key = FromPem(pem);
        // Past the limit the key is not cached: the caller owns it and must Release it, or every use leaks a native key.
        if (Imported.Count >= MaxImported) return key;
        // Shared before anyone else can see it in the cache, so no other thread's Release disposes it.
        key.IsShared = true;
        var winner = Imported.GetOrAdd(pem, key);
        if (ReferenceEquals(winner, key))
        {
            Interlocked.Decrement(ref _liveUnshared);
        }
        else
        {
            key.IsShared = false; // another thread imported it first; this one was never visible
            key.Dispose();
        }
        return winner;
    }
}
