using System;

namespace OAuthGen.Samples.Quickstart;

/// <summary>A step did not turn out as the quickstart expects; the message says which and how.</summary>
internal sealed class QuickstartFailure(string message) : Exception(message)
{
    public static void ThrowUnless(bool condition, string message)
    {
        if (!condition) throw new QuickstartFailure(message);
    }
}
