using System;
using System.IO;
using System.Security.Cryptography;

namespace OAuthGen.Redis;

/// <summary>
/// Which exceptions mean "Data Protection cannot encrypt with this key ring" (keys missing, unreadable, revoked, or a key
/// directory that cannot be written), as opposed to a bug. A broken key ring must not lose a token that was just issued.
/// </summary>
internal static class KeyRingFailure
{
    /// <summary>Encrypting failed because of the key ring or its storage.</summary>
    public static bool IsKeyRingFailure(Exception exception) =>
        exception is CryptographicException or IOException or UnauthorizedAccessException;

    /// <summary>The typed failure of a save that could only keep the token in memory (the exception's type only: never its text).</summary>
    public static OAuthException EncryptionFailed(Exception cause) =>
        new(OAuthErrorType.SharedStoreEncryptionFailed,
            $"The token could not be encrypted for the shared store ({cause.GetType().Name}: check the Data Protection key ring); " +
            "it is kept in this server's memory and written to the shared store once it can be encrypted.", innerException: cause);
}
