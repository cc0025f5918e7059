using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OAuthGen.Testing;

/// <summary>
/// One request the provider received, with its verdict: what was sent (client secrets redacted), how the client
/// authenticated, the OAuth 1.0a signature and PKCE checks, and what the provider answered.
/// </summary>
public sealed record ReceivedRequest
{
    /// <summary>Which endpoint it reached.</summary>
    public required TestEndpoint Endpoint { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path as sent.</summary>
    public required string Path { get; init; }

    /// <summary>Query parameters in order, repeats kept.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>Form-body parameters in order (<c>client_secret</c> redacted); empty when the body is not a form.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Form { get; init; }

    /// <summary>The scheme of the Authorization header (<c>Bearer</c>, <c>Basic</c>, <c>OAuth</c>...), never its credentials.</summary>
    public string? AuthorizationScheme { get; init; }

    /// <summary>The <c>Content-Type</c> of the request body.</summary>
    public string? ContentType { get; init; }

    /// <summary>How the OAuth 2.0 client authenticated at the token or revocation endpoint, if it did.</summary>
    public ClientAuthMethod? ClientAuthentication { get; init; }

    /// <summary>The OAuth 1.0a verification, for requests that carried OAuth 1.0a parameters.</summary>
    public OAuth1SignatureCheck? OAuth1 { get; init; }

    /// <summary>The PKCE verification of a code exchange.</summary>
    public PkceCheck? Pkce { get; init; }

    /// <summary>The injected fault that shaped the answer, if any.</summary>
    public TestFault? Fault { get; init; }

    /// <summary>The HTTP status answered (0 when the response was lost).</summary>
    public int Status { get; init; }

    /// <summary>The refusal: the OAuth 2.0 <c>error</c> (body or redirect) or OAuth 1.0a <c>oauth_problem</c>; <see langword="null"/> on success.</summary>
    public string? Error { get; init; }

    /// <summary>The first value of a query or form parameter.</summary>
    public string? Parameter(string name) =>
        Query.Concat(Form).Where(pair => pair.Key == name).Select(pair => pair.Value).FirstOrDefault();

    /// <summary>One line per request, for failure messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(Path).Append(" -> ").Append(Status == 0 ? "(no answer)" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Error is not null) text.Append(' ').Append(Error);
        if (ClientAuthentication is { } auth) text.Append(", client auth ").Append(auth);
        if (OAuth1 is { } oauth1) text.Append(", ").Append(oauth1.SignatureMethod).Append(oauth1.SignatureValid ? " signature valid" : " signature INVALID");
        if (Pkce is { } pkce) text.Append(", PKCE ").Append(pkce.Method).Append(pkce.Verified ? " verified" : " FAILED");
        if (Fault is not null) text.Append(", fault: ").Append(Fault.Description);
        return text.ToString();
    }
}
