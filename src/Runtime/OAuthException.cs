using System;

namespace OAuthGen;

/// <summary>
/// An OAuth failure with a machine-readable <see cref="Type"/> (see <see cref="OAuthErrorType"/>) and, where there was
/// one, the provider's response in <see cref="Data"/>. Messages never contain secrets, tokens or signatures.
/// </summary>
public sealed class OAuthException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthException(string type, string message, OAuthResponse? data = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Type = type;
        Data = data;
    }

    /// <summary>What went wrong, as one of the <see cref="OAuthErrorType"/> values.</summary>
    public string Type { get; }

    /// <summary>The provider's response, when the failure came from one.</summary>
    public new OAuthResponse? Data { get; }

    /// <summary>The OAuth <c>error</c> code the provider sent, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's <c>error_description</c>, if any.</summary>
    public string? ErrorDescription { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().FullName} ({Type}): {Message}" +
        (InnerException is null ? "" : $" ---> {InnerException.GetType().FullName}") +
        (StackTrace is null ? "" : Environment.NewLine + StackTrace);
}
