using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OAuthGen;

/// <summary>
/// The key and algorithm that sign an app's client assertions: its <see cref="RemoteAppOptions.ClientAssertionKey"/> (RSA
/// or EC) for <see cref="ClientAuthMethod.PrivateKeyJwt"/>, its <see cref="RemoteAppOptions.ConsumerSecret"/> for
/// <see cref="ClientAuthMethod.ClientSecretJwt"/>. Owns the imported key; dispose it after signing.
/// </summary>
internal sealed class ClientAssertionKey : IDisposable
{
    private static readonly string[] RsaAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
    private static readonly string[] PrivateKeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    private readonly IDisposable? _owned;

    private ClientAssertionKey(SecurityKey key, string algorithm, IDisposable? owned)
    {
        _owned = owned;
        Credentials = new SigningCredentials(key, algorithm)
        {
            // The key object lives for one assertion: a cached signature provider would outlive it (and hold a disposed key).
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
    }

    /// <summary>What signs the assertion: the key, with its <c>kid</c>, and the JWS algorithm.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>The signing key of <paramref name="options"/>.</summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidConfiguration"/> when the key or secret is missing, is no
    /// usable private key, or does not fit the algorithm.</exception>
    public static ClientAssertionKey For(RemoteAppOptions options)
    {
        if (options.ClientAuthMethod == ClientAuthMethod.PrivateKeyJwt)
        {
            RemoteAppOptionsValidator.RequireCredential(options, options.ClientAssertionKey, nameof(RemoteAppOptions.ClientAssertionKey));
        }
        else
        {
            RemoteAppOptionsValidator.RequireCredential(options, options.ConsumerSecret, nameof(RemoteAppOptions.ConsumerSecret));
        }
        return TryCreate(options, out var key, out var problem)
            ? key!
            : throw new OAuthException(OAuthErrorType.InvalidConfiguration, $"Remote app '{options.Name}' cannot sign client assertions: {problem}");
    }

    /// <summary>
    /// Imports the key <paramref name="options"/> name for their JWT client authentication method. The problem never quotes
    /// the key or the secret.
    /// </summary>
    public static bool TryCreate(RemoteAppOptions options, out ClientAssertionKey? key, out string? problem)
    {
        key = null;
        var algorithm = options.ClientAssertionAlgorithm;
        if (options.ClientAuthMethod == ClientAuthMethod.ClientSecretJwt)
        {
            algorithm ??= "HS256";
            var minimumBytes = algorithm switch { "HS256" => 32, "HS384" => 48, "HS512" => 64, _ => 0 };
            if (minimumBytes == 0)
            {
                problem = $"ClientAssertionAlgorithm '{algorithm}' is not an HMAC algorithm for client_secret_jwt (HS256, HS384 or HS512).";
                return false;
            }
            var secret = Encoding.UTF8.GetBytes(options.ConsumerSecret ?? "");
            // RFC 7518 §3.2: an HMAC key at least as long as the hash; a shorter secret would make a guessable signature.
            if (secret.Length < minimumBytes)
            {
                problem = $"ConsumerSecret has {secret.Length} bytes, and {algorithm} needs at least {minimumBytes} (RFC 7518 §3.2).";
                return false;
            }
            key = new ClientAssertionKey(new SymmetricSecurityKey(secret) { KeyId = options.ClientAssertionKeyId }, algorithm, null);
            problem = null;
            return true;
        }

        var pem = options.ClientAssertionKey ?? "";
        if (!HasPrivateKeyBlock(pem))
        {
            problem = "ClientAssertionKey is not an unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).";
            return false;
        }
        if (Import(RSA.Create(), pem) is { } rsa)
        {
            algorithm ??= "RS256";
            // RFC 7518 §3.3: 2048 bits or more (and the signing library refuses less).
            if (rsa.KeySize < 2048)
            {
                problem = $"ClientAssertionKey is a {rsa.KeySize}-bit RSA key; JWS needs at least 2048 bits (RFC 7518 §3.3).";
                rsa.Dispose();
                return false;
            }
            if (Array.IndexOf(RsaAlgorithms, algorithm) < 0)
            {
                rsa.Dispose();
                problem = $"ClientAssertionAlgorithm '{algorithm}' does not fit an RSA key (RS256, RS384, RS512, PS256, PS384 or PS512).";
                return false;
            }
            key = new ClientAssertionKey(new RsaSecurityKey(rsa) { KeyId = options.ClientAssertionKeyId }, algorithm, rsa);
            problem = null;
            return true;
        }
        if (Import(ECDsa.Create(), pem) is { } ec)
        {
            // Each ES algorithm names its curve (RFC 7518 §3.4): the key decides, and a different choice cannot work.
            var curveAlgorithm = ec.KeySize switch { 256 => "ES256", 384 => "ES384", 521 => "ES512", _ => null };
            if (curveAlgorithm is null || (algorithm is not null && algorithm != curveAlgorithm))
            {
                ec.Dispose();
                problem = curveAlgorithm is null
                    ? "ClientAssertionKey is an EC key on a curve JWS does not use (P-256, P-384 or P-521)."
                    : $"ClientAssertionAlgorithm '{algorithm}' does not fit this EC key, which signs {curveAlgorithm}.";
                return false;
            }
            key = new ClientAssertionKey(new ECDsaSecurityKey(ec) { KeyId = options.ClientAssertionKeyId }, curveAlgorithm, ec);
            problem = null;
            return true;
        }
        problem = "ClientAssertionKey is neither an RSA nor an EC private key.";
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();

    /// <summary>
    /// Whether a block of <paramref name="pem"/> is an unencrypted private key. Other blocks may come first: OpenSSL's
    /// <c>ecparam -genkey</c> writes <c>EC PARAMETERS</c> before the key, and the importers skip them.
    /// </summary>
    private static bool HasPrivateKeyBlock(string pem)
    {
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (Array.IndexOf(PrivateKeyLabels, rest[fields.Label].ToString()) >= 0) return true;
            rest = rest[fields.Location.End..];
        }
        return false;
    }

    /// <summary>Imports <paramref name="pem"/> into <paramref name="key"/>, or disposes it and returns null when it is not that kind of key.</summary>
    private static T? Import<T>(T key, string pem) where T : AsymmetricAlgorithm
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
