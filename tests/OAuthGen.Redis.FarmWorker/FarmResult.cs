using System.Collections.Generic;
using System.Linq;

namespace OAuthGen.Redis.FarmWorker;

/// <summary>What one worker reports on its last line (<c>RESULT {json}</c>).</summary>
/// <param name="Succeeded">Calls that succeeded.</param>
/// <param name="Failed">Calls that failed.</param>
/// <param name="Errors">The failures' <see cref="OAuthException.Type"/> (or exception type), distinct.</param>
/// <param name="TokenHashes">SHA-256 of the access tokens seen at the end (the stored one, or each client credentials token), distinct.</param>
/// <param name="Outcomes">Mode outage: calls by "phase/outcome", the outcome <c>ok</c> or the failure's type.</param>
public sealed record FarmResult(int Succeeded, int Failed, IReadOnlyList<string> Errors, IReadOnlyList<string> TokenHashes,
    IReadOnlyDictionary<string, int>? Outcomes = null)
{
    /// <summary>Readable in assertion messages.</summary>
    public override string ToString() =>
        $"{Succeeded} succeeded, {Failed} failed [{string.Join(", ", Errors)}], tokens [{string.Join(", ", TokenHashes)}]" +
        (Outcomes is null ? "" : $", outcomes [{string.Join(", ", Outcomes.OrderBy(o => o.Key).Select(o => o.Key + "=" + o.Value))}]");
}
