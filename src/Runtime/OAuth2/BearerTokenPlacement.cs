using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>Puts an OAuth 2.0 access token on a resource request (RFC 6750 §2): header, query or form body.</summary>
internal static class BearerTokenPlacement
{
    private const string FieldName = "access_token";

    private const string AuthorizationHeader = "Authorization";

    /// <summary>Adds <paramref name="token"/> to <paramref name="request"/> where <paramref name="placement"/> says.</summary>
    /// <param name="request">The resource request.</param>
    /// <param name="token">The token to apply.</param>
    /// <param name="placement">Header (default), query or form body.</param>
    /// <param name="tokenType">The configured word before the token in the header.</param>
    /// <param name="cancellationToken">Cancels reading an existing body.</param>
    /// <exception cref="ArgumentException">Body placement on a request whose body is not a form.</exception>
    public static ValueTask ApplyAsync(HttpRequestMessage request, OAuthToken token, TokenPlacement placement, string tokenType,
        CancellationToken cancellationToken)
    {
        switch (placement)
        {
            case TokenPlacement.Header:
                // The configured word wins over the server's token_type: servers answer "bearer" but many resource
                // servers only accept "Bearer", and Weibo wants "OAuth2".
                var word = HeaderWord(tokenType);
                request.Headers.Authorization = null;
                if (token.AuthorizationValue(word) is { } value)
                {
                    // The token's own kept value, added as text: the options validator allows only a token (RFC 9110
                    // §5.6.2) as the word and this is a b64token, so the parser reads it back as the typed value below
                    // would be, and a call needs no AuthenticationHeaderValue, parse or formatting. It replaces (the
                    // line above) one the request already has, as setting the Authorization property does.
                    request.Headers.TryAddWithoutValidation(AuthorizationHeader, value);
                }
                else
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue(word, token.AccessToken);
                }
                return ValueTask.CompletedTask;
            case TokenPlacement.Body when request.Method == HttpMethod.Get || request.Method == HttpMethod.Head:
                // RFC 6750 §2.2 forbids the body method on GET; the query is the only other place a non-header token can go.
                // Whatever content the request has: a content header on a GET (Content-Language...) comes with an empty
                // content that holds it, and that is no form body to add the token to.
                goto case TokenPlacement.Query;
            case TokenPlacement.Query:
                request.RequestUri = RequestData.AppendQuery(request.RequestUri!, [new(FieldName, token.AccessToken)]);
                return ValueTask.CompletedTask;
            case TokenPlacement.Body:
                // Only a form body is read: the header and query placements finish here, without a state machine.
                return AddToFormBodyAsync(request, token.AccessToken, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(placement), placement, "Unknown token placement.");
        }
    }

    /// <summary>
    /// Why <paramref name="accessToken"/> cannot be sent, or <see langword="null"/>. An access token is 1*VSCHAR (RFC 6749
    /// Appendix A.12), printable ASCII: a control character would end the Authorization header's line, and a
    /// non-ASCII one cannot be written into a header at all. The token endpoint refuses such tokens; this guards the
    /// ones a caller or a token store supplies.
    /// </summary>
    public static string? CannotSend(string accessToken)
    {
        if (accessToken.Length == 0) return "it is empty";
        return TokenText.IsVisibleAscii(accessToken) ? null : "it contains a control or non-ASCII character";
    }

    /// <summary>The header word: a lower-case <c>bearer</c> (as servers spell token_type) becomes RFC 6750's <c>Bearer</c>.</summary>
    private static string HeaderWord(string tokenType) =>
        string.Equals(tokenType, "bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : tokenType;

    private static async ValueTask AddToFormBodyAsync(HttpRequestMessage request, string accessToken, CancellationToken cancellationToken)
    {
        var content = request.Content;
        if (content is not null && !string.Equals(content.Headers.ContentType?.MediaType, RequestData.FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"TokenPlacement.Body needs an {RequestData.FormMediaType} body (RFC 6750 §2.2), but this request's body is " +
                $"{content.Headers.ContentType?.MediaType ?? "untyped"}; use TokenPlacement.Header or Query for it.", nameof(request));
        }
        var existing = content is null ? [] : await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        // The escaped field is ASCII, which every form encoding shares, so the existing bytes are kept as they are.
        var field = Encoding.ASCII.GetBytes($"{FieldName}={Uri.EscapeDataString(accessToken)}");
        var body = new byte[existing.Length + (existing.Length == 0 ? 0 : 1) + field.Length];
        existing.CopyTo(body, 0);
        if (existing.Length > 0) body[existing.Length] = (byte)'&';
        field.CopyTo(body, body.Length - field.Length);

        var replacement = new ByteArrayContent(body);
        if (content is null)
        {
            replacement.Headers.ContentType = new MediaTypeHeaderValue(RequestData.FormMediaType);
        }
        else
        {
            foreach (var header in content.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            // The caller's body is not disposed: a retried attempt adds the token to it again.
        }
        request.Content = replacement;
    }
}
