using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Redis;

/// <summary>
/// The second level of the token store: encrypted entries, each with a version number that grows with every save. The
/// version, not a server's clock, decides which of two tokens is newer, and both writes compare it atomically (a script
/// on Redis, a farm-wide lock per entry on any other <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>).
/// </summary>
internal interface ITokenEntries
{
    /// <summary>The entry of <paramref name="slotHash"/>, or <see langword="null"/>.</summary>
    Task<TokenEntry?> ReadAsync(string slotHash, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a token just issued (a sign-in, a refresh): as a version above both the stored one and
    /// <paramref name="knownVersion"/> (what the writer last held), so it is newer than anything stored. Returns its version.
    /// </summary>
    Task<long> WriteNewestAsync(string slotHash, long knownVersion, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// Writes back a token that missed the second level (or was lost by it) as <paramref name="version"/>, only if the entry
    /// is missing or holds a lower version; <see langword="false"/> when a token as new or newer is stored.
    /// </summary>
    Task<bool> WriteBackAsync(string slotHash, long version, byte[] data, TimeSpan lifetime, CancellationToken cancellationToken);
}

/// <summary>An entry as stored: its version and its Data Protection payload.</summary>
internal readonly record struct TokenEntry(long Version, byte[] Data);
