using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth2;

/// <summary>
/// How the authorization response reaches the redirect URI, as the request's <c>response_mode</c> asks: <c>query</c> (the
/// code flow's default, a redirect) or <c>form_post</c> (a page that posts it, see <see cref="FormPostPage"/>).
/// </summary>
internal static class ResponseMode
{
    public const string Query = "query";
    public const string FormPost = "form_post";

    /// <summary>Whether the authorization endpoint answers in <paramref name="mode"/> (null: the default, query).</summary>
    public static bool IsSupported(string? mode) => mode is null or Query or FormPost;

    /// <summary>Sends <paramref name="parameters"/> to <paramref name="redirectUri"/> in <paramref name="mode"/>.</summary>
    public static Task SendAsync(HttpContext context, string? mode, string redirectUri, List<KeyValuePair<string, string>> parameters)
    {
        if (mode == FormPost) return FormPostPage.WriteAsync(context, redirectUri, parameters);
        ProviderHttp.Redirect(context, FormEncoding.AppendQuery(redirectUri, parameters));
        return Task.CompletedTask;
    }
}
