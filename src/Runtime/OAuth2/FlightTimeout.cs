using System;

namespace OAuthGen;

/// <summary>
/// How long a shared flight may run (<see cref="RemoteAppOptions.TokenRequestTimeout"/>, on <see cref="Clock"/>), and the
/// typed failure every waiter gets when it runs out. No caller's cancellation stops shared work, so without this one
/// hung token endpoint behind an infinite <see cref="System.Net.Http.HttpClient.Timeout"/> would hold every caller forever.
/// </summary>
/// <param name="Duration">The limit, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</param>
/// <param name="Clock">The clock the limit is measured on (the app's, so tests can advance it).</param>
/// <param name="Expired">Builds the waiters' failure from what the cancelled work threw.</param>
internal readonly record struct FlightTimeout(TimeSpan Duration, TimeProvider Clock, Func<Exception, Exception> Expired);
