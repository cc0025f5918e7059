using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace OAuthGen.Samples.Tests;

/// <summary>A scripted browser: a cookie container, redirects taken one hop at a time so each hop can be checked.</summary>
internal sealed partial class SiteBrowser : IDisposable
{
    private readonly HttpClient _http;

    public SiteBrowser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false });
    }

    public CookieContainer Cookies { get; }

    public async Task<Page> GetAsync(Uri url) => await Page.ReadAsync(url, await _http.GetAsync(url));

    public async Task<Page> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        await Page.ReadAsync(url, await _http.PostAsync(url, new FormUrlEncodedContent(fields)));

    /// <summary>Submits the page's only form with its hidden fields plus <paramref name="button"/>.</summary>
    public Task<Page> SubmitAsync(Page page, KeyValuePair<string, string> button)
    {
        var form = FormTag().Match(page.Html);
        Assert.True(form.Success, $"no form on {page.Url}:\n{page.Html}");
        var fields = HiddenInput().Matches(page.Html)
            .Select(input => KeyValuePair.Create(WebUtility.HtmlDecode(input.Groups["name"].Value), WebUtility.HtmlDecode(input.Groups["value"].Value)))
            .Append(button);
        return PostFormAsync(new Uri(page.Url, WebUtility.HtmlDecode(form.Groups["action"].Value)), fields);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\">")]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}

/// <summary>One response as the browser saw it.</summary>
internal sealed record Page(Uri Url, HttpStatusCode Status, Uri? Location, string Html)
{
    public static async Task<Page> ReadAsync(Uri url, HttpResponseMessage response)
    {
        using (response)
        {
            var location = response.Headers.Location is { } target ? new Uri(url, target) : null;
            return new Page(url, response.StatusCode, location, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The redirect target, asserting this is a redirect.</summary>
    public Uri RedirectTarget => Status == HttpStatusCode.Redirect && Location is not null
        ? Location
        : throw new Xunit.Sdk.XunitException($"expected a redirect from {Url}, got {(int)Status}:\n{Html}");
}
