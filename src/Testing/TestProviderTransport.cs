namespace OAuthGen.Testing;

/// <summary>How a <see cref="TestProvider"/> is reached.</summary>
public enum TestProviderTransport
{
    /// <summary>Kestrel on 127.0.0.1 and a port the OS picks: reachable by any HTTP client and by a real browser.</summary>
    Loopback,

    /// <summary>
    /// No socket: requests go straight into the provider's pipeline through <see cref="TestProvider.CreateHandler"/>.
    /// Nothing else can reach it, so tests may run in parallel without ports.
    /// </summary>
    InMemory,
}
