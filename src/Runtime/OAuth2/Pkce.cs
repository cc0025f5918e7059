using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen;

/// <summary>
/// A PKCE verifier and its challenge (RFC 7636): the client proves at the token endpoint that it is the one that
/// started the flow, so an intercepted authorization code is useless to anyone else.
/// </summary>
/// <remarks><see cref="ToString"/> hides the verifier: it is a secret until the code has been exchanged.</remarks>
public sealed class Pkce
{
    private const int MinVerifierLength = 43;
    private const int MaxVerifierLength = 128;

    private Pkce(string verifier, CodeChallengeMethod method)
    {
        Verifier = verifier;
        Method = method;
        Challenge = ComputeChallenge(verifier, method);
    }

    /// <summary>The <c>code_verifier</c> sent to the token endpoint.</summary>
    public string Verifier { get; }

    /// <summary>The <c>code_challenge</c> sent on the authorization URL.</summary>
    public string Challenge { get; }

    /// <summary>How <see cref="Challenge"/> was derived from <see cref="Verifier"/>.</summary>
    public CodeChallengeMethod Method { get; }

    /// <summary>The <c>code_challenge_method</c> value: <c>S256</c> or <c>plain</c>.</summary>
    public string MethodName => Method == CodeChallengeMethod.S256 ? "S256" : "plain";

    /// <summary>A new pair with a verifier from 32 CSPRNG octets (256 bits, 43 characters).</summary>
    /// <exception cref="ArgumentException"><paramref name="method"/> is <see cref="CodeChallengeMethod.None"/>.</exception>
    public static Pkce Create(CodeChallengeMethod method = CodeChallengeMethod.S256) => new(CreateVerifier(), CheckMethod(method));

    /// <summary>The pair for a known verifier (for tests against RFC 7636 Appendix B, or a verifier kept elsewhere).</summary>
    /// <exception cref="ArgumentException">The verifier is not 43–128 characters of <c>[A-Za-z0-9-._~]</c>, or <paramref name="method"/> is <see cref="CodeChallengeMethod.None"/>.</exception>
    public static Pkce FromVerifier(string verifier, CodeChallengeMethod method = CodeChallengeMethod.S256)
    {
        ValidateVerifier(verifier);
        return new(verifier, CheckMethod(method));
    }

    /// <summary>A new verifier: 32 CSPRNG octets, base64url without padding (RFC 7636 §4.1).</summary>
    public static string CreateVerifier() => CreateVerifier(RandomNumberGenerator.GetBytes(32));

    /// <summary>The verifier for the given random octets: base64url without padding (RFC 7636 §4.1 and Appendix B).</summary>
    /// <exception cref="ArgumentException">The octets give a verifier shorter than 43 or longer than 128 characters.</exception>
    public static string CreateVerifier(ReadOnlySpan<byte> octets)
    {
        var verifier = Base64Url.EncodeToString(octets);
        if (verifier.Length is < MinVerifierLength or > MaxVerifierLength)
        {
            throw new ArgumentException($"A PKCE verifier needs 32 to 96 random octets; {octets.Length} were given.", nameof(octets));
        }
        return verifier;
    }

    /// <summary>The <c>code_challenge</c> for <paramref name="verifier"/>: BASE64URL(SHA256(ASCII(verifier))) for S256, the verifier itself for plain.</summary>
    /// <exception cref="ArgumentException">The verifier is malformed, or <paramref name="method"/> is <see cref="CodeChallengeMethod.None"/>.</exception>
    public static string ComputeChallenge(string verifier, CodeChallengeMethod method)
    {
        ValidateVerifier(verifier);
        return CheckMethod(method) switch
        {
            // The hash is over the verifier's ASCII text, not the octets it was made from (RFC 7636 §4.2).
            CodeChallengeMethod.S256 => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            _ => verifier,
        };
    }

    /// <summary>Describes the pair without the verifier.</summary>
    public override string ToString() => $"Pkce {{ Method = {MethodName}, Challenge = {(Method == CodeChallengeMethod.Plain ? "***" : Challenge)} }}";

    private static void ValidateVerifier(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        // The message never repeats the verifier: it is a secret.
        if (verifier.Length is < MinVerifierLength or > MaxVerifierLength)
        {
            throw new ArgumentException($"A PKCE verifier must be 43 to 128 characters long, not {verifier.Length} (RFC 7636 §4.1).", nameof(verifier));
        }
        foreach (var c in verifier)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                throw new ArgumentException("A PKCE verifier may only contain A-Z, a-z, 0-9 and - . _ ~ (RFC 7636 §4.1).", nameof(verifier));
            }
        }
    }

    private static CodeChallengeMethod CheckMethod(CodeChallengeMethod method) => method switch
    {
        CodeChallengeMethod.S256 or CodeChallengeMethod.Plain => method,
        CodeChallengeMethod.None => throw new ArgumentException("CodeChallengeMethod.None means no PKCE: there is no challenge to compute.", nameof(method)),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown PKCE method."),
    };
}
