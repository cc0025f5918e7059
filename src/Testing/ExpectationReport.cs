using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OAuthGen.Testing;

/// <summary>The failure messages of <see cref="TestProvider.AssertReceived"/>: the expectation, then each candidate and how it differed.</summary>
internal static class ExpectationReport
{
    public static string NoMatch(RequestExpectation expected, IReadOnlyList<ReceivedRequest> requests)
    {
        var text = new StringBuilder("No request the provider received matches the expectation.\n")
            .Append("Expected: ").Append(expected).Append('\n');
        // Requests at the expected endpoint are the interesting near misses; without one, show everything.
        var candidates = expected.Endpoint is { } endpoint ? requests.Where(request => request.Endpoint == endpoint).ToList() : requests.ToList();
        if (candidates.Count == 0)
        {
            text.Append(expected.Endpoint is null ? "The provider received no request." : $"The provider received no request at {expected.Endpoint}.");
            if (expected.Endpoint is not null && requests.Count > 0) AppendList(text.Append(" It received:\n"), requests);
            return text.ToString();
        }
        text.Append("Received ").Append(candidates.Count).Append(candidates.Count == 1 ? " candidate:\n" : " candidates:\n");
        for (var i = 0; i < candidates.Count; i++)
        {
            text.Append("  #").Append(i + 1).Append(' ').Append(candidates[i]).Append('\n');
            foreach (var difference in expected.Differences(candidates[i])) text.Append("      ").Append(difference).Append('\n');
        }
        return text.ToString();
    }

    public static string UnexpectedMatch(RequestExpectation expected, IReadOnlyList<ReceivedRequest> matches) =>
        AppendList(new StringBuilder("The provider received requests it should not have.\nNot expected: ").Append(expected)
            .Append("\nMatching:\n"), matches).ToString();

    private static StringBuilder AppendList(StringBuilder text, IReadOnlyList<ReceivedRequest> requests)
    {
        foreach (var request in requests) text.Append("  ").Append(request).Append('\n');
        return text;
    }
}
