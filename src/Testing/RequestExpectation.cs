using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OAuthGen.Testing;

/// <summary>
/// What a test expects the provider to have received, for <see cref="TestProvider.AssertReceived"/>. Only the properties
/// that are set are compared.
/// </summary>
public sealed record RequestExpectation
{
    /// <summary>The endpoint.</summary>
    public TestEndpoint? Endpoint { get; init; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The answered status.</summary>
    public int? Status { get; init; }

    /// <summary>The refusal code; use <see cref="Success"/> to expect none.</summary>
    public string? Error { get; init; }

    /// <summary><see langword="true"/>: the request was accepted (no <see cref="ReceivedRequest.Error"/>).</summary>
    public bool? Success { get; init; }

    /// <summary>The client authentication used.</summary>
    public ClientAuthMethod? ClientAuthentication { get; init; }

    /// <summary>The OAuth 1.0a <c>oauth_signature_method</c>.</summary>
    public string? SignatureMethod { get; init; }

    /// <summary>Whether the OAuth 1.0a signature was valid.</summary>
    public bool? SignatureValid { get; init; }

    /// <summary>The OAuth 1.0a parameter transmission: <c>header</c>, <c>query</c> or <c>body</c>.</summary>
    public string? SignatureTransmission { get; init; }

    /// <summary>The PKCE method of the exchanged code.</summary>
    public string? PkceMethod { get; init; }

    /// <summary>Whether the PKCE verifier matched.</summary>
    public bool? PkceVerified { get; init; }

    /// <summary>The Authorization header's scheme, e.g. <c>Bearer</c>.</summary>
    public string? AuthorizationScheme { get; init; }

    /// <summary>Query or form parameters that must be present with these values (client secrets are redacted).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Every difference between this expectation and <paramref name="request"/>, as <c>name: expected X, was Y</c>.</summary>
    public IReadOnlyList<string> Differences(ReceivedRequest request)
    {
        var differences = new List<string>();
        void Compare<T>(string name, T? expected, T? actual)
        {
            if (expected is not null && !EqualityComparer<T>.Default.Equals(expected, actual))
            {
                differences.Add($"{name}: expected {Show(expected)}, was {Show(actual)}");
            }
        }
        Compare("endpoint", Endpoint, request.Endpoint);
        Compare("method", Method, request.Method);
        Compare("status", Status, request.Status);
        Compare("error", Error, request.Error);
        if (Success is { } success && success != (request.Error is null))
        {
            differences.Add($"success: expected {Show(success)}, was {Show(request.Error is null)} (error {Show(request.Error)})");
        }
        Compare("client authentication", ClientAuthentication, request.ClientAuthentication);
        Compare("oauth_signature_method", SignatureMethod, request.OAuth1?.SignatureMethod);
        Compare("signature valid", SignatureValid, request.OAuth1?.SignatureValid);
        Compare("signature transmission", SignatureTransmission, request.OAuth1?.Transmission);
        Compare("PKCE method", PkceMethod, request.Pkce?.Method);
        Compare("PKCE verified", PkceVerified, request.Pkce?.Verified);
        Compare("Authorization scheme", AuthorizationScheme, request.AuthorizationScheme);
        foreach (var (name, value) in Parameters ?? new Dictionary<string, string>())
        {
            Compare(name, value, request.Parameter(name));
        }
        return differences;
    }

    /// <summary>The expectation as one line, e.g. <c>endpoint=OAuth2Token, client authentication=ClientSecretBasic</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null) parts.Add($"{name}={Show(value)}");
        }
        Add("endpoint", Endpoint);
        Add("method", Method);
        Add("status", Status);
        Add("error", Error);
        Add("success", Success);
        Add("client authentication", ClientAuthentication);
        Add("oauth_signature_method", SignatureMethod);
        Add("signature valid", SignatureValid);
        Add("signature transmission", SignatureTransmission);
        Add("PKCE method", PkceMethod);
        Add("PKCE verified", PkceVerified);
        Add("Authorization scheme", AuthorizationScheme);
        foreach (var (name, value) in Parameters ?? new Dictionary<string, string>()) Add(name, value);
        return parts.Count == 0 ? "(anything)" : string.Join(", ", parts);
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
