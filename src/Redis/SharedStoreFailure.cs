using System;
using StackExchange.Redis;

namespace OAuthGen.Redis;

/// <summary>Which exceptions mean "the shared store is unreachable or too slow", as opposed to a bug.</summary>
internal static class SharedStoreFailure
{
    /// <summary>Redis is down, lost, refused the command or did not answer in time.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or SharedStoreUnavailableException or TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException
        || (exception is AggregateException { InnerException: { } inner } && IsUnavailable(inner));

    /// <summary>The typed failure for a caller whose answer was not in memory.</summary>
    public static OAuthException Unavailable(string what, Exception cause) =>
        new(OAuthErrorType.SharedStoreUnavailable, $"The shared store (Redis) could not be reached to {what} ({cause.GetType().Name}).", innerException: cause);
}
