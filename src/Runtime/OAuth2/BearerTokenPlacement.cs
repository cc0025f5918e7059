using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace OAuthGen;

/// <summary>Puts an OAuth 2.0 access token on a request (RFC 6750 §2): header, query or form body.</summary>
internal static class BearerTokenPlacement
{
    public static void Apply(HttpRequestMessage request, OAuthToken token, TokenPlacement placement, string tokenType)
    {
        switch (placement)
        {
            case TokenPlacement.Header:
                // The configured word wins over the server's token_type spelling: servers answer "bearer" but many
                // resource servers only accept "Bearer", and Weibo wants "OAuth2".
                request.Headers.Authorization = new AuthenticationHeaderValue(tokenType, token.AccessToken);
                break;
            case TokenPlacement.Query:
                request.RequestUri = RequestData.AppendQuery(request.RequestUri!, [new("access_token", token.AccessToken)]);
                break;
            case TokenPlacement.Body:
                AddToFormBody(request, token.AccessToken);
                break;
        }
    }

    private static void AddToFormBody(HttpRequestMessage request, string accessToken)
    {
        var content = request.Content;
        if (content is not null && content.Headers.ContentType?.MediaType != RequestData.FormMediaType)
        {
            throw new InvalidOperationException("TokenPlacement.Body needs an application/x-www-form-urlencoded body (RFC 6750 §2.2).");
        }
        var existing = content is null ? "" : content.ReadAsStringAsync().GetAwaiter().GetResult();
        var body = existing.Length == 0 ? $"access_token={Uri.EscapeDataString(accessToken)}" : $"{existing}&access_token={Uri.EscapeDataString(accessToken)}";
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(RequestData.FormMediaType);
    }
}
