using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace OAuthGen.Redis;

/// <summary>
/// A token as kept in both levels, with the instant it was saved (for client credentials tokens: the instant it stops
/// being reused). Which of two tokens is newer is decided by the entry's version (<see cref="ITokenEntries"/>), never by
/// this time: servers' clocks differ.
/// </summary>
internal sealed record StoredToken(OAuthToken Token, DateTimeOffset SavedAt)
{
    /// <summary>
    /// Encrypts for Redis with ASP.NET Core Data Protection. The purpose names the slot, so an entry copied under another
    /// user's or app's key does not decrypt.
    /// </summary>
    public byte[] Protect(IDataProtector protector, string slotHash)
    {
        var json = Encoding.UTF8.GetBytes(Token.ToJson());
        var plain = new byte[sizeof(long) + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(plain, SavedAt.UtcTicks);
        json.CopyTo(plain.AsSpan(sizeof(long)));
        try
        {
            return protector.CreateProtector(slotHash).Protect(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(json);
        }
    }

    /// <summary>Decrypts what <see cref="Protect"/> wrote; <see langword="null"/> when it cannot (another key ring, tampering).</summary>
    public static StoredToken? Unprotect(IDataProtector protector, string slotHash, byte[] data)
    {
        byte[] plain;
        try
        {
            plain = protector.CreateProtector(slotHash).Unprotect(data);
        }
        catch (Exception e) when (KeyRingFailure.IsKeyRingFailure(e))
        {
            return null;
        }
        try
        {
            if (plain.Length < sizeof(long)) return null;
            var savedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(plain), TimeSpan.Zero);
            return new StoredToken(OAuthToken.FromJson(Encoding.UTF8.GetString(plain, sizeof(long), plain.Length - sizeof(long))), savedAt);
        }
        catch (Exception e) when (e is OAuthException or ArgumentException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
