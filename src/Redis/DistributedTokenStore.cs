using System;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Redis;

/// <summary>
/// The shared <see cref="ITokenStore"/> that <c>AddRemoteAppRedis</c> registers: tokens partitioned by app, token name
/// and user, in this process's memory first and encrypted (ASP.NET Core Data Protection) in Redis (or
/// <see cref="RedisRemoteAppOptions.TokenCache"/>) behind it. Resolve it from a scope to save the token a user signed in
/// with; generated clients resolved from the same scope read it.
/// </summary>
/// <remarks>
/// Reads are served from memory for <see cref="RedisRemoteAppOptions.FirstLevelLifetime"/>. When Redis cannot be
/// reached, reads keep serving what memory holds and saves are kept in memory and written back when Redis returns
/// (never over a newer version of the token); a read that finds nothing in memory fails with
/// <see cref="OAuthErrorType.SharedStoreUnavailable"/>.
/// </remarks>
public sealed class DistributedTokenStore : ITokenStore
{
    private readonly SharedTokenCache _cache;
    private readonly Func<string?>? _user;

    internal DistributedTokenStore(SharedTokenCache cache, Func<string?>? user)
    {
        _cache = cache;
        _user = user;
    }

    /// <summary>
    /// The user whose tokens this store reads and writes now; <see langword="null"/> for the app's own tokens. It is asked
    /// on every read and save (<see cref="RedisRemoteAppOptions.User"/>), so a store that lives longer than one request
    /// (the handler of <c>AddRemoteAppAuthentication</c>) never keeps the user it was created for.
    /// </summary>
    public string? User => _user?.Invoke();

    /// <inheritdoc/>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.SharedStoreUnavailable"/>: Redis is unreachable and this
    /// process holds no copy.</exception>
    public ValueTask<OAuthToken?> GetAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _cache.GetAsync(Slot(request), cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.SharedStoreEncryptionFailed"/>: Data Protection could not
    /// encrypt the token (an unusable key ring). It is kept in this process's memory and served from there; other servers
    /// do not see it. An unreachable Redis is no failure: the token is kept in memory and written back when Redis returns.</exception>
    public ValueTask SaveAsync(TokenRequest request, OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        return _cache.SaveAsync(Slot(request), token, cancellationToken);
    }

    /// <summary>Reads past memory (a refresh holding the farm-wide lock).</summary>
    internal ValueTask<OAuthToken?> ReadSharedAsync(TokenRequest request, CancellationToken cancellationToken) =>
        _cache.ReadSharedAsync(Slot(request), cancellationToken);

    /// <summary>The slot's hash: the refresh lock of this user's token is named after it.</summary>
    internal string SlotHash(TokenRequest request) => Slot(request).Hash();

    private TokenSlot Slot(TokenRequest request) => new(request.AppName, request.TokenName, _user?.Invoke());
}
