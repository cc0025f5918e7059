using System;
using System.Net;

namespace OAuthGen;

/// <summary>
/// An OAuth failure with a machine-readable <see cref="Type"/> (see <see cref="OAuthErrorType"/>) and, where there was
/// one, the provider's response in <see cref="Response"/> and its <see cref="StatusCode"/>. Messages never contain
/// secrets, tokens or signatures.
/// </summary>
/// <remarks>
/// flask-oauthlib's <c>OAuthException(message, type, data)</c>: <c>data</c> is <see cref="Response"/> here, so that
/// <see cref="Exception.Data"/> keeps its usual meaning for logging and diagnostics libraries.
/// </remarks>
public sealed class OAuthException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="type">One of the <see cref="OAuthErrorType"/> values.</param>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="response">The provider's response the failure came from, if any.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    public OAuthException(string type, string message, OAuthResponse? response = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Type = type;
        Response = response;
    }

    /// <summary>What went wrong, as one of the <see cref="OAuthErrorType"/> values.</summary>
    public string Type { get; }

    /// <summary>The provider's response, when the failure came from one (flask-oauthlib's <c>OAuthException.data</c>).</summary>
    public OAuthResponse? Response { get; }

    /// <summary>The HTTP status code of <see cref="Response"/>; <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? StatusCode => Response?.Status;

    /// <summary>The OAuth <c>error</c> code the provider sent, if any.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's <c>error_description</c>, if any.</summary>
    public string? ErrorDescription { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().FullName} ({Type}): {Message}" +
        (InnerException is null ? "" : $" ---> {InnerException.GetType().FullName}") +
        (StackTrace is null ? "" : Environment.NewLine + StackTrace);
}
