using System.Collections.Generic;

namespace OAuthGen.Redis.FarmWorker;

/// <summary>What one worker reports on its last line (<c>RESULT {json}</c>).</summary>
/// <param name="Succeeded">Calls that succeeded.</param>
/// <param name="Failed">Calls that failed.</param>
/// <param name="Errors">The failures' <see cref="OAuthException.Type"/> (or exception type), distinct.</param>
/// <param name="TokenHashes">SHA-256 of the access tokens seen at the end (the stored one, or each client credentials token), distinct.</param>
public sealed record FarmResult(int Succeeded, int Failed, IReadOnlyList<string> Errors, IReadOnlyList<string> TokenHashes)
{
    /// <summary>Readable in assertion messages.</summary>
    public override string ToString() =>
        $"{Succeeded} succeeded, {Failed} failed [{string.Join(", ", Errors)}], tokens [{string.Join(", ", TokenHashes)}]";
}
