using System;

namespace OAuthGen.Testing;

/// <summary>
/// A <see cref="TestProvider"/> assertion failed, or a scripted step (consent) did not go as a test expected. Every test
/// framework (xunit, NUnit, MSTest) reports it as a failure with its message: what was expected and, field by field,
/// what arrived instead.
/// </summary>
public sealed class TestProviderAssertionException : Exception
{
    /// <summary>Creates the exception with its readable message.</summary>
    public TestProviderAssertionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its readable message and cause.</summary>
    public TestProviderAssertionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public TestProviderAssertionException()
    {
    }
}
